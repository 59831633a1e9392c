using AtotiAuth.Shared.Jwt;

namespace AtotiAuth.Token;

/// <summary>Stable codes of the token service's refusals (STYLE.md §8); tests assert on these.</summary>
internal static class TokenProblemCodes
{
    /// <summary>No session cookie and no token: log in first (401).</summary>
    public const string SessionRequired = "session_required";

    /// <summary>The session cookie is malformed, unknown, expired or revoked (401).</summary>
    public const string SessionInvalid = "session_invalid";

    /// <summary>The presented token failed validation (401).</summary>
    public const string InvalidToken = JwtRejections.InvalidToken;

    /// <summary>The presented token's header names or embeds a key (401).</summary>
    public const string ForbiddenTokenHeader = JwtRejections.ForbiddenHeader;

    /// <summary>The presented token has no session id (401).</summary>
    public const string MissingSessionId = JwtRejections.MissingSession;

    /// <summary>The presented token's session was revoked (401).</summary>
    public const string SessionRevoked = JwtRejections.SessionRevoked;

    /// <summary>The user lacks every required role, e.g. ROLE_USER (403).</summary>
    public const string RoleRequired = "role_required";
}
