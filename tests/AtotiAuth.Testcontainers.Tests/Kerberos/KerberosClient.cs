using System.Net;
using System.Net.Security;

namespace AtotiAuth.Testcontainers.Tests.Kerberos;

/// <summary>
/// The client side of one SPNEGO exchange, as a browser or .NET's HttpClient runs it: a ticket from the
/// KDC (the process's KRB5_CONFIG) for a service principal, its token, and the check of the server's
/// last token (mutual authentication).
/// </summary>
public sealed class KerberosClient : IDisposable
{
    private readonly NegotiateAuthentication _context;

    private KerberosClient(NegotiateAuthentication context, byte[] token)
    {
        _context = context;
        Token = token;
    }

    /// <summary>The first token, for <c>Authorization: Negotiate</c>.</summary>
    public byte[] Token { get; }

    /// <param name="principal">The user, <c>alice@EXAMPLE.TEST</c>.</param>
    /// <param name="password">Its password at the KDC.</param>
    /// <param name="servicePrincipal">The service, <c>HTTP/auth.example.test</c>.</param>
    /// <param name="package"><c>Negotiate</c> (SPNEGO, as browsers) or <c>Kerberos</c> (the bare Kerberos token, to wrap by hand).</param>
    public static KerberosClient Start(string principal, string password, string servicePrincipal, string package = "Negotiate")
    {
        var context = new NegotiateAuthentication(new NegotiateAuthenticationClientOptions
        {
            Package = package,
            Credential = new NetworkCredential(principal, password),
            TargetName = servicePrincipal,
            RequireMutualAuthentication = true,
        });
        var token = context.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out var status);
        if (token is null)
        {
            context.Dispose();
            throw new InvalidOperationException($"No Kerberos token for {principal} → {servicePrincipal}: {status}");
        }

        return new KerberosClient(context, token);
    }

    /// <summary>Reads the server's last token; true when it proves the server holds the service's key.</summary>
    public bool Finish(byte[] serverToken)
    {
        _context.GetOutgoingBlob(serverToken, out var status);
        return status == NegotiateAuthenticationStatusCode.Completed && _context.IsMutuallyAuthenticated;
    }

    public void Dispose() => _context.Dispose();
}
