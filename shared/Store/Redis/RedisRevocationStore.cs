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
/// With <see cref="StoreOptions.RevocationReplicas"/>, the call returns only once that many replicas
/// hold the revocation (<see cref="RevocationReplication"/>).
/// </summary>
internal sealed class RedisRevocationStore(
    IConnectionMultiplexer redis,
    IOptions<StoreOptions> storeOptions,
    IOptions<SessionOptions> sessionOptions,
    TimeProvider time) : IRevocationStore, IDisposable
{
    /// <summary>
    /// KEYS: the revoked marker, then optionally the session hash, the user's session index and the
    /// session's last use (only where every key lives on one server: see <see cref="RedisSessionStore"/>). ARGV: now (ms),
    /// retention (ms), channel, session id. Recorded before it is published, and published before the
    /// session is deleted: a subscriber that asks on hearing it must find it, and should the delete
    /// fail, the session's tokens are refused anyway, which is the side to fail on.
    /// </summary>
    internal const string RevokeScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('PUBLISH', ARGV[3], ARGV[4])
        if KEYS[2] then redis.call('DEL', KEYS[2]) end
        if KEYS[3] then redis.call('SREM', KEYS[3], ARGV[4]) end
        if KEYS[4] then redis.call('DEL', KEYS[4]) end
        return 1
        """;

    private readonly RedisKeys _keys = new(storeOptions.Value.KeyPrefix);
    private readonly TimeSpan _retention = sessionOptions.Value.RevocationRetention;
    private readonly ConcurrentDictionary<RedisRevocationSubscription, byte> _local = new();
    private readonly RevocationReplication _replication = new(redis, storeOptions.Value);

    public async Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            await RevokeAsync(sessionId, [_keys.Revoked(sessionId)]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    /// <summary>
    /// Runs <see cref="RevokeScript"/> with <paramref name="keys"/> (the first must be
    /// <see cref="RedisKeys.Revoked"/> of the session) and waits for the replicas where required, then
    /// tells this process's subscribers.
    /// </summary>
    internal async Task RevokeAsync(string sessionId, RedisKey[] keys)
    {
        var local = _local.Keys.ToArray();
        foreach (var subscription in local)
        {
            subscription.Expect(sessionId);
        }

        try
        {
            await _replication.EvaluateAsync(
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
        return IsWithinRetention(revokedAt);
    }

    /// <summary>
    /// Revoked, or no session hash: the allow-list (issue 21). A Redis that restarted empty, or a
    /// failover that lost the session's creation, makes the session's tokens refused rather than valid
    /// again with their revocation forgotten. One round trip (two commands in a batch; on a cluster the
    /// two keys may sit on two nodes, asked at once: either answer alone can end the session).
    /// </summary>
    public async Task<bool> IsEndedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            var batch = redis.GetDatabase().CreateBatch();
            var revoked = batch.StringGetAsync(_keys.Revoked(sessionId));
            var exists = batch.KeyExistsAsync(_keys.Session(sessionId));
            batch.Execute();
            return IsWithinRetention(await revoked.ConfigureAwait(false)) || !await exists.ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public void Dispose() => _replication.Dispose();

    private bool IsWithinRetention(RedisValue revokedAt) =>
        !revokedAt.IsNull
        && (!revokedAt.TryParse(out long milliseconds)
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) < _retention);

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
