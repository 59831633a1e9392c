using AtotiAuth.Identity.Cookies;
using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// Turns a successful login into a session: always a NEW session (no fixation, OWASP session
/// management), the previous one revoked when its cookie was presented, the cookie written.
/// </summary>
internal sealed partial class LoginSessions(ISessionStore sessions, SessionCookie cookie, ILogger<LoginSessions> logger)
{
    public async Task<Session> StartAsync(HttpContext context, LoginOutcome outcome)
    {
        var cancellationToken = context.RequestAborted;
        var previous = cookie.Read(context);
        if (previous is not null)
        {
            // Only a ticket whose secret checks out may end a session: a session id alone is public (the JWT's sid).
            if (await sessions.SignOutAsync(previous, cancellationToken) is { } old)
            {
                LogReplaced(logger, old.Id);
            }
        }

        var issued = await sessions.CreateAsync(new NewSession(outcome.UserName, outcome.Provider, outcome.Roles, outcome.ProviderRoles), cancellationToken);
        cookie.Append(context, issued);
        LogStarted(logger, issued.Session.Id, outcome.UserName, outcome.Provider);
        return issued.Session;
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Session {SessionId} started for {UserName} by provider {Provider}")]
    private static partial void LogStarted(ILogger logger, string sessionId, LogText userName, string provider);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Previous session {SessionId} revoked at login")]
    private static partial void LogReplaced(ILogger logger, string sessionId);
}
