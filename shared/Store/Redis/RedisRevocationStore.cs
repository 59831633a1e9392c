using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Revocations in Redis (DESIGN.md §5): a key per revoked session holding the revocation time, kept
/// for <see cref="SessionOptions.RevocationRetention"/>, and the session id published on the
/// revocations channel so verifiers drop it from their caches within milliseconds.
/// </summary>
internal sealed class RedisRevocationStore(
    IConnectionMultiplexer redis,
    IOptions<StoreOptions> storeOptions,
    IOptions<SessionOptions> sessionOptions,
    TimeProvider time) : IRevocationStore
{
    private readonly RedisKeys _keys = new(storeOptions.Value.KeyPrefix);
    private readonly TimeSpan _retention = sessionOptions.Value.RevocationRetention;

    public async Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            // Recorded before it is published: a subscriber that asks on hearing it must find it.
            var db = redis.GetDatabase();
            await db.StringSetAsync(_keys.Revoked(sessionId), time.GetUtcNow().ToUnixTimeMilliseconds(), _retention);
            await db.PublishAsync(_keys.Revocations, sessionId);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
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

        var subscription = new RedisRevocationSubscription(redis, _keys.Revocations, listener);
        try
        {
            await subscription.StartAsync();
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            await subscription.DisposeAsync();
            throw RedisFailures.Unavailable(ex);
        }

        return subscription;
    }
}
