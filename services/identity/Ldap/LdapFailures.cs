using System.DirectoryServices.Protocols;

namespace AtotiAuth.Identity.Ldap;

/// <summary>Sorts what the client library throws into "the credentials are wrong" and "this server failed".</summary>
internal static class LdapFailures
{
    /// <summary>
    /// A bind refused because of the credentials or the account (not because the server is down):
    /// RFC 4511 Appendix A <c>inappropriateAuthentication</c> (48), <c>invalidCredentials</c> (49),
    /// <c>unwillingToPerform</c> (53, e.g. a locked or expired account on some servers).
    /// </summary>
    public static bool IsInvalidCredentials(Exception exception) => exception switch
    {
        LdapException { ErrorCode: 48 or 49 or 53 } => true,
        DirectoryOperationException { Response.ResultCode: ResultCode.InappropriateAuthentication } => true,
        _ => false,
    };

    /// <summary>
    /// The server could not be used: connection refused or lost, TLS refused (an untrusted or
    /// mismatched certificate surfaces here as a connect error), time-outs, busy or unwilling servers.
    /// </summary>
    public static bool IsServerFailure(Exception exception)
        => exception is LdapException or DirectoryOperationException or TimeoutException or ObjectDisposedException;

    /// <summary>Short reason for the log: the library's message, never a credential.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        LdapException ldap => $"{ldap.ErrorCode}: {ldap.Message}{(string.IsNullOrEmpty(ldap.ServerErrorMessage) ? "" : " " + ldap.ServerErrorMessage)}",
        DirectoryOperationException operation => $"{operation.Response?.ResultCode}: {operation.Message}",
        TimeoutException => "timed out",
        _ => exception.GetType().Name,
    };
}
