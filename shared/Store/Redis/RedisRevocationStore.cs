using System.Collections.Concurrent;
using AtotiAuth.Shared.Metrics;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Revocations in Redis (DESIGN.md §5): a key per revoked session holding the revocation time, kept
/// for <see cref="SessionOptions.RevocationRetention"/>, and the session id published on the
/// revocations channel so verifiers drop it from their caches within milliseconds. Recorded and
/// published by one script (one round trip, single key, so cluster-safe), and heard by this process's
/// own subscribers before the call returns: the replica that revoked never answers from a stale cache.
/// </summary>
internal sealed class RedisRevocationStore(
    IConnectionMultiplexer redis,
    IOptions<StoreOptions> storeOptions,
    IOptions<SessionOptions> sessionOptions,
    TimeProvider time) : IRevocationStore
{
    /// <summary>
    /// KEYS: the revoked marker, then optionally the session hash and the user's session index (only
    /// where every key lives on one server: see <see cref="RedisSessionStore"/>). ARGV: now (ms),
    /// retention (ms), channel, session id. Recorded before it is published, and published before the
    /// session is deleted: a subscriber that asks on hearing it must find it, and should the delete
    /// fail, the session's tokens are refused anyway, which is the side to fail on.
    /// </summary>
    internal const string RevokeScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('PUBLISH', ARGV[3], ARGV[4])
        if KEYS[2] then redis.call('DEL', KEYS[2]) end
        if KEYS[3] then redis.call('SREM', KEYS[3], ARGV[4]) end
        return 1
        """;

    private readonly RedisKeys _keys = new(storeOptions.Value.KeyPrefix);
    private readonly TimeSpan _retention = sessionOptions.Value.RevocationRetention;
    private readonly ConcurrentDictionary<RedisRevocationSubscription, byte> _local = new();

    public async Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await RevokeAsync(redis.GetDatabase(), sessionId, [_keys.Revoked(sessionId)]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    /// <summary>
    /// Runs <see cref="RevokeScript"/> with <paramref name="keys"/> (the first must be
    /// <see cref="RedisKeys.Revoked"/> of the session), then tells this process's subscribers.
    /// </summary>
    internal async Task RevokeAsync(IDatabaseAsync database, string sessionId, RedisKey[] keys)
    {
        var local = _local.Keys.ToArray();
        foreach (var subscription in local)
        {
            subscription.Expect(sessionId);
        }

        try
        {
            await database.ScriptEvaluateAsync(
                RevokeScript,
                keys,
                [time.GetUtcNow().ToUnixTimeMilliseconds(), (long)_retention.TotalMilliseconds, _keys.RevocationsName, sessionId]).ConfigureAwait(false);
        }
        catch
        {
            foreach (var subscription in local)
            {
                subscription.Forget(sessionId);
            }

            throw;
        }

        AtotiAuthMetrics.RevocationsPublished.Add(1);
        foreach (var subscription in local)
        {
            subscription.Deliver(sessionId);
        }
    }

    public async Task<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        RedisValue revokedAt;
        try
        {
            revokedAt = await redis.GetDatabase().StringGetAsync(_keys.Revoked(sessionId));
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }

        // The retention is also checked against the injected clock, as the in-memory store does; the
        // key's TTL only frees the memory.
        return !revokedAt.IsNull
            && (!revokedAt.TryParse(out long milliseconds)
                || time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) < _retention);
    }

    public async Task<IAsyncDisposable> SubscribeAsync(IRevocationListener listener, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listener);
        cancellationToken.ThrowIfCancellationRequested();

        var subscription = new RedisRevocationSubscription(redis, _keys.Revocations, listener, s => _local.TryRemove(s, out _));
        try
        {
            await subscription.StartAsync();
            _local.TryAdd(subscription, 0);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            await subscription.DisposeAsync();
            throw RedisFailures.Unavailable(ex);
        }

        return subscription;
    }
}
