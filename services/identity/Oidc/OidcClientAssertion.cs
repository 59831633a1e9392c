using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Client assertions for <c>private_key_jwt</c> (RFC 7523 §3, OpenID Connect Core §9): <c>iss</c> =
/// <c>sub</c> = the client id, <c>aud</c> = the token endpoint, a fresh <c>jti</c>, <c>exp</c> one minute
/// ahead. Keys are read once per provider (checked readable at start by the options validator).
/// </summary>
internal sealed class OidcClientAssertion(IOptions<OidcOptions> oidc, TimeProvider time) : IDisposable
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Lazy<OidcClientKey.LoadedKey>> _keys = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Create(string providerId, string tokenEndpoint)
    {
        var provider = oidc.Value.Providers[providerId];
        var key = _keys.GetOrAdd(providerId, _ => new Lazy<OidcClientKey.LoadedKey>(() => OidcClientKey.Load(provider.ClientKeyFile!))).Value;
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = provider.ClientId,
            Audience = tokenEndpoint,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = provider.ClientId!,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = key.Credentials,
        });
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values.Where(static k => k.IsValueCreated))
        {
            key.Value.Dispose();
        }
    }
}
