using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Token.Issuance;

/// <summary>
/// The payload beside the registered times: the user and roles under Atoti's claim names, the provider,
/// the session (for revocation) and a token id. <c>iss</c>, <c>aud</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c> come from the descriptor.
/// </summary>
internal static class TokenClaims
{
    public const string TokenId = "jti";

    /// <summary>
    /// The provider that vouched for the user (<c>basic</c>, <c>ldap</c>, <c>oidc:{id}</c>), apart from
    /// <c>sub</c>, which stays the user name as Atoti expects (issue 22); named as Duende IdentityServer names it.
    /// </summary>
    public const string Provider = "idp";

    public static Dictionary<string, object> Build(Session session, TokenOptions options, string tokenId) => new(StringComparer.Ordinal)
    {
        [options.PrincipalClaim] = session.UserName,
        [options.AuthoritiesClaim] = session.Roles.ToArray(),
        [AtotiAuthTokenValidation.SessionIdClaim] = session.Id,
        [Provider] = session.Provider,
        [TokenId] = tokenId,
    };

    /// <summary>
    /// When the token expires: after <see cref="TokenOptions.Lifetime"/>, never after the session's own
    /// absolute expiry, so no token outlives the login it came from.
    /// </summary>
    public static DateTimeOffset ExpiresAt(Session session, TokenOptions options, DateTimeOffset now)
    {
        var byLifetime = now + options.Lifetime;
        return session.ExpiresAt < byLifetime ? session.ExpiresAt : byLifetime;
    }
}
