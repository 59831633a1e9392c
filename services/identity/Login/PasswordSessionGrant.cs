using System.Net;
using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// Basic credentials on the token paths, in this process (the standalone host): the login's own check and
/// throttling, then a session like a login's, without a cookie. The session is indexed under its user like
/// every other, so a logout of all sessions, a deactivation or a password change ends it.
/// </summary>
internal sealed partial class PasswordSessionGrant(
    CredentialChecker checker,
    ISessionStore sessions,
    IOptions<LoginThrottleOptions> throttle,
    AuditTrail audit,
    ILogger<PasswordSessionGrant> logger) : IPasswordSessionGrant
{
    public async Task<PasswordGrantResult> GrantAsync(BasicCredentials credentials, IPAddress? clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var outcome = await checker.AuthenticateAsync(credentials.UserName, credentials.Password, clientAddress?.ToString(), cancellationToken);
        if (outcome.Kind != LoginOutcomeKind.Success)
        {
            audit.LoginRefused("password", credentials.UserName, outcome.Kind.ToString().ToLowerInvariant(), clientAddress);
        }

        switch (outcome.Kind)
        {
            case LoginOutcomeKind.Success:
                var issued = await sessions.CreateAsync(new NewSession(outcome.UserName, outcome.Provider, outcome.Roles, outcome.ProviderRoles), cancellationToken);
                LogGranted(logger, issued.Session.Id, outcome.UserName, outcome.Provider);
                audit.LoggedIn(issued.Session, clientAddress);
                return PasswordGrantResult.Granted(issued.Session);
            case LoginOutcomeKind.Locked:
                return PasswordGrantResult.Refused(PasswordGrantProblems.LoginLocked, throttle.Value.RetryAfterSeconds());
            case LoginOutcomeKind.Unavailable:
                return PasswordGrantResult.Refused(PasswordGrantProblems.DirectoryUnavailable, "5");
            default:
                return PasswordGrantResult.Refused(PasswordGrantProblems.InvalidCredentials);
        }
    }

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "Session {SessionId} started for {UserName} by provider {Provider} from Basic credentials on a token path")]
    private static partial void LogGranted(ILogger logger, string sessionId, LogText userName, string provider);
}
