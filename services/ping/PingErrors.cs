using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;

namespace AtotiAuth.Ping;

/// <summary>
/// Every stable code the sidecar answers with, in problem bodies and log events (STYLE.md §8). Tests
/// assert on these, not on the prose.
/// </summary>
internal static class PingErrors
{
    /// <summary>No <c>Authorization: Bearer|Jwt</c> header (ping), or no cookie and no token (proxy).</summary>
    public const string MissingCredentials = "missing_credentials";

    /// <summary>The JWT is malformed, unsigned, wrongly signed, expired, or for another issuer or audience.</summary>
    public const string InvalidToken = JwtRejections.InvalidToken;

    /// <summary>The JWT header points at or embeds a key, or lacks a <c>kid</c>.</summary>
    public const string ForbiddenTokenHeader = JwtRejections.ForbiddenHeader;

    /// <summary>The JWT carries no <c>sid</c>, so its revocation cannot be checked.</summary>
    public const string MissingSessionId = JwtRejections.MissingSession;

    /// <summary>The session was revoked (logout, admin action).</summary>
    public const string SessionRevoked = JwtRejections.SessionRevoked;

    /// <summary>The cookie is not one this cube wrote: forged, damaged, or another cube's.</summary>
    public const string InvalidCookie = "invalid_cookie";

    /// <summary>The cookie outlived the token it was issued for.</summary>
    public const string CookieExpired = "cookie_expired";

    /// <summary>The cookie's session no longer exists in the store (expired or ended).</summary>
    public const string SessionEnded = "session_ended";

    /// <summary>Authenticated, but without any of the required roles (403).</summary>
    public const string MissingRole = "missing_role";

    /// <summary>A WebSocket upgrade from an origin that is not an allowed UI origin (403).</summary>
    public const string OriginNotAllowed = "origin_not_allowed";

    /// <summary>The token service's keys could not be fetched: tokens cannot be checked (503).</summary>
    public const string KeysUnavailable = "keys_unavailable";

    /// <summary>The store could not be reached (503), as the shared exception handler answers.</summary>
    public const string StoreUnavailable = ProblemCodes.StoreUnavailable;

    /// <summary>The cube did not answer (502) or not in time (504).</summary>
    public const string CubeUnavailable = "cube_unavailable";
}
