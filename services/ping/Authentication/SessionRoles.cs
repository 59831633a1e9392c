using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Authentication;

/// <summary>
/// The roles of a cookie's session. Remembered from the JWT seen at ping (same session, same roles:
/// the token service writes the session's roles into the token), else read once from the session store
/// (another replica wrote the cookie, or the entry was evicted) and remembered until the cookie expires.
/// </summary>
internal sealed class SessionRoles : IDisposable
{
    private readonly ISessionStore _sessions;
    private readonly TimeProvider _time;
    private readonly MemoryCache _cache;

    public SessionRoles(ISessionStore sessions, IOptions<PingOptions> options, TimeProvider time)
    {
        _sessions = sessions;
        _time = time;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SessionCacheSize, CompactionPercentage = 0.25 });
    }

    /// <summary>
    /// Keeps the caller's roles for its session, at ping. The token cache hands out one caller per token,
    /// so a ping with a token already seen finds its own roles here and writes nothing.
    /// </summary>
    public void Remember(AtotiAuthCaller caller)
    {
        if (_cache.TryGetValue(caller.SessionId, out IReadOnlyList<string>? known) && ReferenceEquals(known, caller.Roles))
        {
            return;
        }

        if (caller.ExpiresAt > _time.GetUtcNow())
        {
            _cache.Set(caller.SessionId, caller.Roles, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = caller.ExpiresAt });
        }
    }

    /// <summary>The roles, or null when the session no longer exists. Throws <c>StoreUnavailableException</c> when the store is down.</summary>
    public async ValueTask<IReadOnlyList<string>?> GetAsync(string sessionId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(sessionId, out IReadOnlyList<string>? roles))
        {
            return roles;
        }

        var session = await _sessions.GetAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        if (until > _time.GetUtcNow())
        {
            _cache.Set(sessionId, session.Roles, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
        }

        return session.Roles;
    }

    public void Dispose() => _cache.Dispose();
}
