using System.Security.Cryptography;
using AtotiAuth.Identity.Ldap;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// What a Kerberos login decides around the GSSAPI exchange. Before it: the client address's failure
/// budget (the login throttle) and the token's single use across replicas (the shared store; GSSAPI's own
/// replay cache is per process). After it: the realm, the user name (realm stripped or kept, case
/// converted), the LDAP groups where configured, the roles of provider <c>kerberos</c> (DESIGN.md §3).
/// A refused exchange counts as a failed login: under the user's name once GSSAPI named it, else under
/// the token alone, which spends the address's budget without locking any real name.
/// </summary>
internal sealed partial class KerberosAuthenticator(
    LoginThrottle throttle,
    IEphemeralStore store,
    RoleResolver roles,
    LdapDirectory directory,
    KerberosAcceptor acceptor,
    IOptions<KerberosOptions> options,
    ILogger<KerberosAuthenticator> logger)
{
    public const string Provider = "kerberos";

    /// <summary>Null when the token may go to GSSAPI; otherwise the refusal's code (locked, replayed).</summary>
    public async Task<string?> AdmitAsync(ReadOnlyMemory<byte> token, string clientAddress, CancellationToken cancellationToken)
    {
        var name = TokenName(token);

        // Both at once (one round trip): a locked caller's token is marked for nothing, which costs nothing.
        var checking = throttle.CheckAsync(name, clientAddress, cancellationToken);
        var marking = store.TryMarkAsync(name, 2 * options.Value.MaxClockSkew, cancellationToken);
        await Task.WhenAll(checking, marking);
        if ((await checking).Locked)
        {
            return IdentityProblemCodes.LoginLocked;
        }

        if (!await marking)
        {
            await throttle.RecordFailureAsync(name, clientAddress, cancellationToken);
            LogRefused(logger, IdentityProblemCodes.KerberosTicketReplayed, "the token was used before", clientAddress);
            return IdentityProblemCodes.KerberosTicketReplayed;
        }

        return null;
    }

    /// <summary>GSSAPI refused the token: counted against the address.</summary>
    public async Task<string> RefuseAsync(ReadOnlyMemory<byte> token, string reason, string clientAddress, CancellationToken cancellationToken)
    {
        await throttle.RecordFailureAsync(TokenName(token), clientAddress, cancellationToken);
        LogRefused(logger, IdentityProblemCodes.KerberosTicketInvalid, reason, clientAddress);
        return IdentityProblemCodes.KerberosTicketInvalid;
    }

    /// <summary>The exchange completed for <paramref name="clientPrincipal"/> (<c>alice@EXAMPLE.COM</c>): the login's outcome and, when refused, its code.</summary>
    public async Task<(LoginOutcome Outcome, string? Code)> CompleteAsync(string clientPrincipal, string clientAddress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!KerberosPrincipalName.TryParse(clientPrincipal, out var principal)
            || !KerberosOptionsValidator.Realms(settings, acceptor.ServicePrincipal).Contains(principal.Realm, StringComparer.Ordinal))
        {
            return await RefuseAsync(clientPrincipal, clientAddress, IdentityProblemCodes.KerberosRealmRefused, cancellationToken);
        }

        var userName = settings.UsernameCaseConversion.Apply(settings.KeepRealm ? principal.ToString() : principal.Name);
        if (BasicUserRules.CheckUserName(userName) is not null)
        {
            return await RefuseAsync(clientPrincipal, clientAddress, IdentityProblemCodes.KerberosTicketInvalid, cancellationToken);
        }

        IReadOnlyList<string> groups = [];
        if (settings.LdapGroups)
        {
            try
            {
                var found = await directory.FindUserAsync(principal.Name, cancellationToken);
                var read = found.Kind == LdapUserLookupKind.Found ? await directory.GroupsAsync(found.Dn!, checkAccount: true, cancellationToken) : null;
                if (read is null || read.AccountDisabled)
                {
                    return await RefuseAsync(clientPrincipal, clientAddress, IdentityProblemCodes.KerberosUserUnknown, cancellationToken);
                }

                groups = read.Names;
            }
            catch (LdapUnavailableException)
            {
                return (LoginOutcome.Unavailable(userName), IdentityProblemCodes.DirectoryUnavailable);
            }
        }

        var granted = await roles.ResolveAsync(new RoleResolutionRequest(Provider, userName, groups, RoleKeyComparison.UpperCase), cancellationToken);
        LogAccepted(logger, userName, clientPrincipal, groups.Count, clientAddress);
        return (new LoginOutcome(LoginOutcomeKind.Success, userName, granted, Provider), null);
    }

    private async Task<(LoginOutcome, string?)> RefuseAsync(string clientPrincipal, string clientAddress, string code, CancellationToken cancellationToken)
    {
        await throttle.RecordFailureAsync(clientPrincipal, clientAddress, cancellationToken);
        LogRefused(logger, code, clientPrincipal, clientAddress);
        return (LoginOutcome.Invalid(clientPrincipal), code);
    }

    // The token's hash: its key in the replay record, and its name in the throttle while no user is known.
    private static string TokenName(ReadOnlyMemory<byte> token) => "kerberos-token:" + Convert.ToHexString(SHA256.HashData(token.Span));

    [LoggerMessage(EventId = 4810, Level = LogLevel.Information, Message = "Kerberos login refused ({Code}): {Reason}, from {ClientAddress}")]
    private static partial void LogRefused(ILogger logger, string code, LogText reason, string clientAddress);

    [LoggerMessage(EventId = 4811, Level = LogLevel.Information, Message = "Kerberos user {UserName} ({Principal}, {GroupCount} LDAP groups) authenticated from {ClientAddress}")]
    private static partial void LogAccepted(ILogger logger, LogText userName, LogText principal, int groupCount, string clientAddress);
}
