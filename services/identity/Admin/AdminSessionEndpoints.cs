using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Admin;

/// <summary>A principal's sessions: list, revoke all; and one session by id. A revocation reaches every cube at once.</summary>
internal static class AdminSessionEndpoints
{
    public static RouteGroupBuilder MapAdminSessions(this RouteGroupBuilder providers)
    {
        providers.MapGet("/users/{userName}/sessions", ListAsync).WithTags("Sessions");
        providers.MapDelete("/users/{userName}/sessions", RevokeAllAsync).WithTags("Sessions");
        return providers;
    }

    public static RouteGroupBuilder MapAdminSession(this RouteGroupBuilder admin)
    {
        admin.MapDelete("/sessions/{sessionId}", RevokeAsync).WithTags("Sessions");
        return admin;
    }

    internal static async Task<Ok<SessionResponse[]>> ListAsync(string provider, string userName, ISessionStore sessions, CancellationToken cancellationToken)
    {
        var list = await sessions.ListByUserAsync(provider, userName, cancellationToken);
        return TypedResults.Ok(list.Select(static s => new SessionResponse(s.Id, s.UserName, s.Provider, s.Roles, s.CreatedAt, s.LastSeenAt, s.ExpiresAt)).ToArray());
    }

    internal static async Task<Ok<RevokedResponse>> RevokeAllAsync(string provider, string userName, ISessionStore sessions, CancellationToken cancellationToken)
        => TypedResults.Ok(new RevokedResponse(await sessions.RevokeAllAsync(provider, userName, cancellationToken: cancellationToken)));

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string sessionId, ISessionStore sessions, CancellationToken cancellationToken)
        => await sessions.RevokeAsync(sessionId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Result(IdentityProblems.SessionNotFound);
}
