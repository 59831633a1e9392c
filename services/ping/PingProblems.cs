using AtotiAuth.Shared.Hosting;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace AtotiAuth.Ping;

/// <summary>
/// The sidecar's own refusals (STYLE.md §8); the ones it shares with every verifier (<c>invalid_token</c>,
/// <c>session_revoked</c>, <c>missing_role</c>, <c>store_unavailable</c>, …) are <see cref="CommonProblems"/>.
/// </summary>
internal static class PingProblems
{
    /// <summary>The cookie is not one this cube wrote: forged, damaged, or another cube's (401).</summary>
    public static ProblemCode InvalidCookie { get; } = new("invalid_cookie", Status401Unauthorized, "This cube's cookie is not valid.");

    /// <summary>The cookie outlived the token it was issued for (401).</summary>
    public static ProblemCode CookieExpired { get; } = new("cookie_expired", Status401Unauthorized, "This cube's cookie has expired.");

    /// <summary>The cookie's session no longer exists in the store (401).</summary>
    public static ProblemCode SessionEnded { get; } = new("session_ended", Status401Unauthorized, "The session has ended.");

    /// <summary>A WebSocket handshake from an origin that is not an allowed UI origin (403).</summary>
    public static ProblemCode OriginNotAllowed { get; } = new("origin_not_allowed", Status403Forbidden, "This origin may not open a WebSocket here.");

    /// <summary>The cube did not answer (502).</summary>
    public static ProblemCode CubeUnavailable { get; } = new("cube_unavailable", Status502BadGateway, "The cube did not answer.");
}
