using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// A password login, in order (issue 22, STYLE.md §21): the throttle counts the attempt before anything
/// else, so a locked name costs no lookup and no more than the limit is ever tried; then the input's
/// shape; then the basic users, then the other password providers (LDAP). Basic first on purpose: Atoti
/// once locked basic (technical) users out while its LDAP server was unreachable (ATOTI-CONTRACT.md "Users
/// and roles"); here a basic login never waits for the directory, and a refusal stays counted whatever
/// the directory answers. A refused attempt always spends one password hash verification, whichever
/// providers are configured, so its timing does not tell a basic user from an unknown name.
/// </summary>
internal sealed partial class CredentialChecker(
    BasicAuthenticator basic,
    IEnumerable<IPasswordLoginProvider> providers,
    LoginThrottle throttle,
    ILogger<CredentialChecker> logger)
{
    public async Task<LoginOutcome> AuthenticateAsync(string userName, string password, string? clientAddress, CancellationToken cancellationToken)
    {
        var attempt = await throttle.BeginAsync(userName, clientAddress, cancellationToken);
        if (attempt is null)
        {
            return LoginOutcome.Locked(userName);
        }

        var end = AttemptEnd.Failed;
        try
        {
            (var outcome, end) = await CheckAsync(userName, password, LoginThrottle.Network(clientAddress), cancellationToken);
            return outcome;
        }
        finally
        {
            await throttle.EndAsync(attempt, end);
        }
    }

    /// <summary>
    /// The outcome and how the attempt ends: counted when refused, taken back on success, and taken back
    /// too when a directory could not answer for a name that is no basic user, since then no password
    /// was checked at all, and an LDAP user must not be locked out by the directory's outage.
    /// </summary>
    private async Task<(LoginOutcome Outcome, AttemptEnd End)> CheckAsync(string userName, string password, string network, CancellationToken cancellationToken)
    {
        if ((BasicUserRules.CheckUserName(userName) ?? BasicUserRules.CheckPassword(password)) is { } malformed)
        {
            LogMalformed(logger, userName, network, malformed);
            return (LoginOutcome.Invalid(userName), AttemptEnd.Failed);
        }

        var (outcome, hashed) = await basic.AuthenticateAsync(userName, password, network, cancellationToken);
        LoginOutcome? unavailable = null;
        foreach (var provider in providers)
        {
            if (outcome.Kind == LoginOutcomeKind.Success)
            {
                return (outcome, AttemptEnd.Succeeded);
            }

            if (provider.IsEnabled)
            {
                outcome = await provider.AuthenticateAsync(userName, password, network, cancellationToken);

                // A provider that could not answer is reported as such, never as a wrong password.
                unavailable ??= outcome.Kind == LoginOutcomeKind.Unavailable ? outcome : null;
            }
        }

        if (outcome.Kind == LoginOutcomeKind.Success)
        {
            return (outcome, AttemptEnd.Succeeded);
        }

        if (!hashed)
        {
            basic.VerifyDummy(password);
        }

        return unavailable is null
            ? (LoginOutcome.Invalid(userName), AttemptEnd.Failed)
            : (unavailable, hashed ? AttemptEnd.Failed : AttemptEnd.Withdrawn);
    }

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Login refused (invalid_credentials) for user {UserName} from {ClientNetwork}: the name or password {Problem}")]
    private static partial void LogMalformed(ILogger logger, LogText userName, string clientNetwork, string problem);
}
