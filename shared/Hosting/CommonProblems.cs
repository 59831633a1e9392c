using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.Http;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// The refusals more than one service answers, with one code each wherever they happen: a sidecar,
/// the token service and a .NET cube say the same thing about the same token.
/// </summary>
public static class CommonProblems
{
    /// <summary>No credential the endpoint accepts was sent (401).</summary>
    public static ProblemCode MissingCredentials { get; } = new("missing_credentials", Status401Unauthorized, "Authentication required.");

    /// <summary>The JWT is malformed, unsigned, wrongly signed, expired, of another type, or for another issuer or audience (401).</summary>
    public static ProblemCode InvalidToken { get; } = new(JwtRejections.InvalidToken, Status401Unauthorized, "The token is not valid.");

    /// <summary>The JWT's header points at or embeds a key, lacks a <c>kid</c>, or asks for an extension we do not know (401).</summary>
    public static ProblemCode ForbiddenTokenHeader { get; } = new(JwtRejections.ForbiddenHeader, Status401Unauthorized, "The token's header is not accepted.");

    /// <summary>The JWT carries no session id, so its revocation cannot be checked (401).</summary>
    public static ProblemCode MissingSessionId { get; } = new(JwtRejections.MissingSession, Status401Unauthorized, "The token names no session.");

    /// <summary>The session was revoked: logout, admin action, credential change (401).</summary>
    public static ProblemCode SessionRevoked { get; } = new(JwtRejections.SessionRevoked, Status401Unauthorized, "The session was revoked.");

    /// <summary>The session cookie is malformed, unknown, timed out or revoked (401).</summary>
    public static ProblemCode SessionInvalid { get; } = new("session_invalid", Status401Unauthorized, "The session is not valid.");

    /// <summary>Authenticated, but with none of the roles the endpoint requires (403).</summary>
    public static ProblemCode MissingRole { get; } = new("missing_role", Status403Forbidden, "A required role is missing.");

    /// <summary>The token service's keys could not be read, so no token can be checked (503).</summary>
    public static ProblemCode KeysUnavailable { get; } = new(JwtRejections.KeysUnavailable, Status503ServiceUnavailable, "The token service's keys are unavailable.");

    /// <summary>The store (Redis) could not be reached; the request was refused, not let through (503).</summary>
    public static ProblemCode StoreUnavailable { get; } = new(ProblemCodes.StoreUnavailable, Status503ServiceUnavailable, "The session store is unavailable.");
}
