using System.Security.Cryptography;
using AtotiAuth.Identity.Ldap;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
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
    public const string Provider = ProviderIds.Kerberos;

    /// <summary>Null when the token may go to GSSAPI; otherwise the refusal's code (locked, replayed).</summary>
    public async Task<ProblemCode?> AdmitAsync(ReadOnlyMemory<byte> token, string clientAddress, CancellationToken cancellationToken)
    {
        var name = TokenName(token);

        // Counted before anything else (issue 22): a locked caller's token is not even marked.
        if (await throttle.BeginAsync(name, clientAddress, cancellationToken) is not { } attempt)
        {
            return PasswordGrantProblems.LoginLocked;
        }

        if (!await store.TryMarkAsync(name, 2 * options.Value.MaxClockSkew, cancellationToken))
        {
            await throttle.EndAsync(attempt, AttemptEnd.Failed);
            LogRefused(logger, IdentityProblems.KerberosTicketReplayed.Code, "the token was used before", clientAddress);
            return IdentityProblems.KerberosTicketReplayed;
        }

        // Admitted: GSSAPI's verdict is counted on its own (RefuseAsync, CompleteAsync).
        await throttle.EndAsync(attempt, AttemptEnd.Withdrawn);
        return null;
    }

    /// <summary>GSSAPI refused the token: counted against the address.</summary>
    public async Task<ProblemCode> RefuseAsync(ReadOnlyMemory<byte> token, string reason, string clientAddress, CancellationToken cancellationToken)
    {
        await RecordFailureAsync(TokenName(token), clientAddress, cancellationToken);
        LogRefused(logger, IdentityProblems.KerberosTicketInvalid.Code, reason, clientAddress);
        return IdentityProblems.KerberosTicketInvalid;
    }

    /// <summary>The exchange completed for <paramref name="clientPrincipal"/> (<c>alice@EXAMPLE.COM</c>): the login's outcome and, when refused, its code.</summary>
    public async Task<(LoginOutcome Outcome, ProblemCode? Refusal)> CompleteAsync(string clientPrincipal, string clientAddress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!KerberosPrincipalName.TryParse(clientPrincipal, out var principal)
            || !KerberosOptionsValidator.Realms(settings, acceptor.ServicePrincipal).Contains(principal.Realm, StringComparer.Ordinal))
        {
            return await RefuseAsync(clientPrincipal, clientAddress, IdentityProblems.KerberosRealmRefused, cancellationToken);
        }

        var userName = settings.UsernameCaseConversion.Apply(settings.KeepRealm ? principal.ToString() : principal.Name);
        if (UserNames.Check(userName) is not null)
        {
            return await RefuseAsync(clientPrincipal, clientAddress, IdentityProblems.KerberosTicketInvalid, cancellationToken);
        }

        IReadOnlyList<string> groups = [];
        if (settings.LdapGroups)
        {
            try
            {
                var found = await directory.FindUserAsync(principal.Name, cancellationToken);
                if (found.Kind != LdapUserLookupKind.Found || await directory.IsDisabledAsync(found.Dn!, cancellationToken))
                {
                    return await RefuseAsync(clientPrincipal, clientAddress, IdentityProblems.KerberosUserUnknown, cancellationToken);
                }

                groups = await directory.GroupsAsync(found.Dn!, cancellationToken);
            }
            catch (LdapUnavailableException)
            {
                return (LoginOutcome.Unavailable(userName), PasswordGrantProblems.DirectoryUnavailable);
            }
        }

        var granted = await roles.ResolveAsync(new RoleResolutionRequest(Provider, userName, groups, ProviderIds.KeyComparison(Provider)), cancellationToken);
        LogAccepted(logger, userName, clientPrincipal, groups.Count, clientAddress);
        return (new LoginOutcome(LoginOutcomeKind.Success, userName, granted, Provider, groups), null);
    }

    private async Task<(LoginOutcome, ProblemCode?)> RefuseAsync(string clientPrincipal, string clientAddress, ProblemCode refusal, CancellationToken cancellationToken)
    {
        await RecordFailureAsync(clientPrincipal, clientAddress, cancellationToken);
        LogRefused(logger, refusal.Code, clientPrincipal, clientAddress);
        return (LoginOutcome.Invalid(clientPrincipal), refusal);
    }

    /// <summary>A failed attempt under <paramref name="name"/> (nothing more to count when it is locked already).</summary>
    private async Task RecordFailureAsync(string name, string clientAddress, CancellationToken cancellationToken)
    {
        if (await throttle.BeginAsync(name, clientAddress, cancellationToken) is { } attempt)
        {
            await throttle.EndAsync(attempt, AttemptEnd.Failed);
        }
    }

    // The token's hash: its key in the replay record, and its name in the throttle while no user is known.
    private static string TokenName(ReadOnlyMemory<byte> token) => "kerberos-token:" + Convert.ToHexString(SHA256.HashData(token.Span));

    [LoggerMessage(EventId = 4810, Level = LogLevel.Information, Message = "Kerberos login refused ({Code}): {Reason}, from {ClientAddress}")]
    private static partial void LogRefused(ILogger logger, string code, LogText reason, string clientAddress);

    [LoggerMessage(EventId = 4811, Level = LogLevel.Information, Message = "Kerberos user {UserName} ({Principal}, {GroupCount} LDAP groups) authenticated from {ClientAddress}")]
    private static partial void LogAccepted(ILogger logger, LogText userName, LogText principal, int groupCount, string clientAddress);
}
