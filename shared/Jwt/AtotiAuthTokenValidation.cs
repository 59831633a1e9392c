using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// The one set of rules every AtotiAuth verifier applies, whether its keys come from the JWKS
/// (cubes, sidecars) or from its own key set (the token service echoing a caller's token).
/// </summary>
public static class AtotiAuthTokenValidation
{
    /// <summary>The session id claim every AtotiAuth token carries.</summary>
    public const string SessionIdClaim = "sid";

    /// <summary>
    /// The one <c>typ</c> an AtotiAuth token carries, and the only one a verifier accepts (RFC 8725 §3.11,
    /// explicit typing): a validly signed token of another kind (<c>logout+jwt</c>, <c>at+jwt</c>, …) is
    /// never taken for ours. <c>JWT</c>, as Atoti's own tokens, so that an Atoti server reads ours unchanged.
    /// </summary>
    public const string TokenType = "JWT";

    /// <summary>
    /// Header parameters that point at or embed a key (RFC 7515 §4.1.2–4.1.6). Trusting any of them lets
    /// the token choose its own key; we never do, and refuse the token outright so the attempt is visible.
    /// </summary>
    private static readonly string[] ForbiddenHeaders = ["jku", "x5u", "jwk", "x5c"];

    /// <summary>
    /// RFC 7515 §4.1.11: a token whose <c>crit</c> lists extensions the recipient does not implement must be
    /// refused. We implement none, so any <c>crit</c> is refused, even on a validly signed token.
    /// </summary>
    private const string CriticalHeader = "crit";

    /// <summary>Validation parameters: algorithm allow-list, issuer, audience, lifetime with small skew, signed tokens only.</summary>
    /// <param name="issuer">The expected <c>iss</c>.</param>
    /// <param name="audience">The expected <c>aud</c>.</param>
    /// <param name="algorithms">Accepted <c>alg</c> values.</param>
    /// <param name="clockSkew">Tolerated clock difference.</param>
    /// <param name="principalClaim">Claim naming the user.</param>
    /// <param name="authoritiesClaim">Claim carrying the roles.</param>
    public static TokenValidationParameters CreateParameters(
        string issuer,
        string audience,
        IEnumerable<string> algorithms,
        TimeSpan clockSkew,
        string principalClaim = "sub",
        string authoritiesClaim = "authorities")
    {
        return new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            ValidAlgorithms = [.. algorithms],
            ValidTypes = [TokenType],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            ClockSkew = clockSkew,

            // A kid the key set does not know is an unknown key, not an invitation to try them all.
            TryAllIssuerSigningKeys = false,
            NameClaimType = principalClaim,
            RoleClaimType = authoritiesClaim,
        };
    }

    /// <summary>
    /// Null when the header is acceptable; otherwise the offending parameter: a key-bearing one, <c>crit</c>,
    /// or <c>kid</c> when it is missing.
    /// </summary>
    public static string? FindForbiddenHeader(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        foreach (var header in ForbiddenHeaders)
        {
            if (token.TryGetHeaderValue<object>(header, out _))
            {
                return header;
            }
        }

        if (token.TryGetHeaderValue<object>(CriticalHeader, out _))
        {
            return CriticalHeader;
        }

        return string.IsNullOrEmpty(token.Kid) ? "kid" : null;
    }

    /// <summary>The roles claim: a JSON array of strings (Atoti's <c>authorities</c>), or a single string.</summary>
    public static string[] ReadRoles(JsonWebToken token, string claim)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.TryGetPayloadValue<JsonElement>(claim, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Where(static e => e.ValueKind == JsonValueKind.String).Select(static e => e.GetString()!)],
            JsonValueKind.String => [value.GetString()!],
            _ => [],
        };
    }
}
