using System.Net;
using System.Security.Claims;
using AtotiAuth.Identity.Authentication;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Metrics;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;

namespace AtotiAuth.Identity.Audit;

/// <summary>
/// The one place the identity service reports what happened (issue 16): admin actions, CSV changes,
/// logins, logouts and lock-outs become <see cref="AuditEvent"/>s, written to the JSON log with a stable
/// event id per kind and appended to the <see cref="IAuditStore"/>; logins and lock-outs are counted in
/// the metrics too. Admin and provisioning events are stored before the answer; login and logout events
/// are stored without holding the login up. A store outage never undoes nor refuses what was done: it is
/// logged as an error, and the log line stands.
/// </summary>
internal sealed partial class AuditTrail(IAuditStore store, TimeProvider time, ILogger<AuditTrail> logger)
{
    /// <summary>An admin API write, by the caller of <paramref name="context"/>.</summary>
    public Task AdminActionAsync(HttpContext context, string action, string target, string outcome, string detail)
    {
        var e = Event(context, action, target, outcome, detail);
        LogAdmin(logger, e.Action, e.Actor, e.ActorSession, e.Target, e.Outcome, e.ClientAddress, e.Detail);
        return StoreAsync(e);
    }

    /// <summary>A change the CSV provisioning file made to a user.</summary>
    public Task ProvisionedAsync(string action, string userName, string detail)
    {
        var e = new AuditEvent("", time.GetUtcNow(), AuditActions.Provisioning, AuditActions.None, action, Clean(userName), AuditActions.Success, AuditActions.None, Clean(detail));
        LogProvisioning(logger, e.Action, e.Target, e.Detail);
        return StoreAsync(e);
    }

    /// <summary>A login that made <paramref name="session"/>.</summary>
    public void LoggedIn(HttpContext context, Session session) => LoggedIn(session, context.Connection.RemoteIpAddress);

    /// <summary>A login that made <paramref name="session"/> from <paramref name="clientAddress"/> (Basic credentials on a token path, too).</summary>
    public void LoggedIn(Session session, IPAddress? clientAddress)
    {
        AtotiAuthMetrics.Logins.Add(1, new("provider", session.Provider), new("outcome", "success"));
        var e = LoginEvent(AuditActions.Login, Clean(session.UserName), session.Id, AuditActions.Success, session.Provider, clientAddress);
        LogLogin(logger, e.Action, e.Actor, e.Outcome, e.Detail, e.ClientAddress);
        _ = StoreAsync(e);
    }

    /// <summary>A refused login: <paramref name="outcome"/> is <c>invalid</c>, <c>locked</c> or <c>unavailable</c>.</summary>
    public void LoginRefused(HttpContext context, string provider, string userName, string outcome)
        => LoginRefused(provider, userName, outcome, context.Connection.RemoteIpAddress);

    /// <summary>A refused login from <paramref name="clientAddress"/>.</summary>
    public void LoginRefused(string provider, string userName, string outcome, IPAddress? clientAddress)
    {
        AtotiAuthMetrics.Logins.Add(1, new("provider", provider), new("outcome", outcome));
        var locked = outcome == "locked";
        if (locked)
        {
            AtotiAuthMetrics.Lockouts.Add(1);
        }

        var action = locked ? AuditActions.Lockout : AuditActions.Login;
        var name = string.IsNullOrEmpty(userName) ? AuditActions.None : Clean(userName);
        var e = LoginEvent(action, name, AuditActions.None, outcome, provider, clientAddress);
        LogLogin(logger, e.Action, e.Actor, e.Outcome, e.Detail, e.ClientAddress);
        _ = StoreAsync(e);
    }

    /// <summary>The login outcome a refusal's problem code stands for: <c>locked</c>, <c>unavailable</c> or <c>invalid</c>.</summary>
    public static string OutcomeOf(ProblemCode refusal) => refusal == PasswordGrantProblems.LoginLocked ? "locked"
        : refusal.Status == StatusCodes.Status503ServiceUnavailable ? "unavailable"
        : "invalid";

    /// <summary>A logout that ended <paramref name="session"/>.</summary>
    public void LoggedOut(HttpContext context, Session session)
    {
        var e = Event(context, AuditActions.Logout, session.UserName, AuditActions.Success, session.Provider) with { Actor = Clean(session.UserName), ActorSession = session.Id };
        LogLogout(logger, e.Actor, e.ActorSession, e.ClientAddress);
        _ = StoreAsync(e);
    }

    private AuditEvent Event(HttpContext context, string action, string target, string outcome, string detail)
    {
        var user = context.User;
        var actor = user.Identity?.IsAuthenticated == true ? Clean(user.Identity.Name) : AuditActions.None;
        var session = user.FindFirstValue(IdentitySchemes.SessionIdClaim) ?? AuditActions.None;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? AuditActions.None;
        return new AuditEvent("", time.GetUtcNow(), actor, session, action, Clean(target), outcome, address, Clean(detail));
    }

    private AuditEvent LoginEvent(string action, string actor, string session, string outcome, string provider, IPAddress? clientAddress)
        => new("", time.GetUtcNow(), actor, session, action, actor, outcome, clientAddress?.ToString() ?? AuditActions.None, Clean(provider));

    private async Task StoreAsync(AuditEvent e)
    {
        try
        {
            // Not the request's token: an event is kept even when its client went away.
            await store.AppendAsync(e, CancellationToken.None);
        }
        catch (StoreUnavailableException ex)
        {
            LogNotStored(logger, e.Action, e.Target, ex);
        }
    }

    /// <summary>User-supplied text, as <see cref="LogText"/> cleans it (no control characters, bounded).</summary>
    private static string Clean(string? value) => string.IsNullOrEmpty(value) ? "" : LogText.Safe(value);

    [LoggerMessage(EventId = 4901, Level = LogLevel.Information,
        Message = "Audit: admin {Action} by {Actor} (session {ActorSession}) on {Target}: {Outcome} from {ClientAddress} {Detail}")]
    private static partial void LogAdmin(ILogger logger, string action, string actor, string actorSession, string target, string outcome, string clientAddress, string detail);

    [LoggerMessage(EventId = 4902, Level = LogLevel.Information, Message = "Audit: provisioning {Action} on {Target} {Detail}")]
    private static partial void LogProvisioning(ILogger logger, string action, string target, string detail);

    [LoggerMessage(EventId = 4903, Level = LogLevel.Information, Message = "Audit: {Action} of {Actor}: {Outcome} by provider {Provider} from {ClientAddress}")]
    private static partial void LogLogin(ILogger logger, string action, string actor, string outcome, string provider, string clientAddress);

    [LoggerMessage(EventId = 4904, Level = LogLevel.Information, Message = "Audit: logout of {Actor} (session {ActorSession}) from {ClientAddress}")]
    private static partial void LogLogout(ILogger logger, string actor, string actorSession, string clientAddress);

    [LoggerMessage(EventId = 4909, Level = LogLevel.Error, Message = "Audit event {Action} on {Target} not stored: the store is unavailable (the log line above stands)")]
    private static partial void LogNotStored(ILogger logger, string action, string target, Exception exception);
}
