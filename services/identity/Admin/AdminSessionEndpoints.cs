using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Admin;

/// <summary>A user's sessions: list, revoke one, revoke all. A revocation reaches every cube at once.</summary>
internal static class AdminSessionEndpoints
{
    public static RouteGroupBuilder MapAdminSessions(this RouteGroupBuilder admin)
    {
        admin.MapGet("/users/{userName}/sessions", ListAsync).WithTags("Sessions");
        admin.MapDelete("/users/{userName}/sessions", RevokeAllAsync).WithTags("Sessions");
        admin.MapDelete("/sessions/{sessionId}", RevokeAsync).WithTags("Sessions");
        return admin;
    }

    internal static async Task<Ok<SessionResponse[]>> ListAsync(string userName, ISessionStore sessions, CancellationToken cancellationToken)
    {
        var list = await sessions.ListByUserAsync(userName, cancellationToken);
        return TypedResults.Ok(list.Select(static s => new SessionResponse(s.Id, s.UserName, s.Provider, s.Roles, s.CreatedAt, s.LastSeenAt, s.ExpiresAt)).ToArray());
    }

    internal static async Task<Ok<RevokedResponse>> RevokeAllAsync(string userName, ISessionStore sessions, CancellationToken cancellationToken)
        => TypedResults.Ok(new RevokedResponse(await sessions.RevokeAllAsync(userName, cancellationToken)));

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string sessionId, ISessionStore sessions, CancellationToken cancellationToken)
        => await sessions.RevokeAsync(sessionId, cancellationToken)
            ? TypedResults.NoContent()
            : AdminProblems.NotFound(IdentityProblemCodes.SessionNotFound, "No active session with that id.");
}
