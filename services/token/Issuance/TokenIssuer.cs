using System.Collections.Concurrent;
using System.Security.Cryptography;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Token.Signing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Issuance;

/// <summary>
/// Signs tokens for sessions. A session's token is reused until half its life has passed (the UI polls
/// <c>/jwt</c>; signing with RSA costs about a millisecond, a lookup nanoseconds), and re-signed sooner
/// when the signing key or the session's roles changed, so a rotation or a role change takes effect at once.
/// </summary>
internal sealed class TokenIssuer(SigningKeySet keys, IOptions<TokenOptions> options, TimeProvider time)
{
    /// <summary>Bound on cached tokens; past it the cache is swept of stale entries, or emptied.</summary>
    internal const int Capacity = 100_000;

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ConcurrentDictionary<string, CachedToken> _cache = new(StringComparer.Ordinal);

    public string Issue(Session session)
    {
        var now = time.GetUtcNow();
        var signing = keys.Current;
        // Re-signed as soon as the session's roles changed (an admin's change, issue 22).
        if (_cache.TryGetValue(session.Id, out var cached)
            && now < cached.RefreshAfter
            && ReferenceEquals(cached.KeyId, signing.Signer.KeyId)
            && cached.Roles.SequenceEqual(session.Roles, StringComparer.Ordinal))
        {
            return cached.Token;
        }

        var settings = options.Value;
        var expires = TokenClaims.ExpiresAt(session, settings, now);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = AtotiAuthTokenValidation.TokenType,
            Issuer = settings.NormalizedIssuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = TokenClaims.Build(session, settings, NewTokenId()),
            SigningCredentials = signing.Credentials,
        });

        if (_cache.Count >= Capacity)
        {
            Sweep(now);
        }

        _cache[session.Id] = new CachedToken(token, signing.Signer.KeyId, now + ((expires - now) / 2), session.Roles);
        return token;
    }

    /// <summary>Forgets a session's token (its session ended).</summary>
    public void Forget(string sessionId) => _cache.TryRemove(sessionId, out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (id, entry) in _cache)
        {
            if (entry.RefreshAfter <= now)
            {
                _cache.TryRemove(id, out _);
            }
        }

        if (_cache.Count >= Capacity)
        {
            _cache.Clear();
        }
    }

    private static string NewTokenId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    private sealed record CachedToken(string Token, string KeyId, DateTimeOffset RefreshAfter, IReadOnlyList<string> Roles);
}
