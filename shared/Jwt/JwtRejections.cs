namespace AtotiAuth.Shared.Jwt;

/// <summary>Stable codes of rejected tokens (STYLE.md §8), written to the log and to problem bodies.</summary>
public static class JwtRejections
{
    /// <summary>The token is malformed, unsigned, wrongly signed, expired, not yet valid, of another type, or for another issuer or audience.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>
    /// The header names a key location or embeds a key (<c>jku</c>, <c>x5u</c>, <c>jwk</c>, <c>x5c</c>), lacks a
    /// <c>kid</c>, or lists critical extensions (<c>crit</c>) this verifier does not implement.
    /// </summary>
    public const string ForbiddenHeader = "forbidden_token_header";

    /// <summary>The token carries no session id (<c>sid</c>), so its revocation cannot be checked.</summary>
    public const string MissingSession = "missing_session_id";

    /// <summary>The token's session was revoked (logout, admin action).</summary>
    public const string SessionRevoked = "session_revoked";

    /// <summary>The signing keys could not be read: no token can be judged (503, never "let it through").</summary>
    public const string KeysUnavailable = "keys_unavailable";
}
