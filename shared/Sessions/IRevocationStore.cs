namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Revoked session ids, kept for the longest token lifetime, and published to subscribers so that
/// verifiers drop cached sessions within milliseconds (DESIGN.md §5).
/// </summary>
public interface IRevocationStore
{
    /// <summary>Records a revocation and publishes it.</summary>
    Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>True when the session was revoked (and the record not yet expired).</summary>
    Task<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the session was revoked or no longer exists: the verifiers' allow-list (docs/redis.md),
    /// so that a session lost with the store's data (a Redis restarted empty, a failover that lost
    /// writes) has its tokens refused instead of valid again with its revocation forgotten. The default
    /// asks <see cref="IsRevokedAsync"/> alone, for stores that lose nothing short of the whole process.
    /// </summary>
    Task<bool> IsEndedAsync(string sessionId, CancellationToken cancellationToken = default) => IsRevokedAsync(sessionId, cancellationToken);

    /// <summary>
    /// Subscribes to revocations. The listener also hears when the feed is lost and restored, so it can
    /// ask the store directly in between.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(IRevocationListener listener, CancellationToken cancellationToken = default);
}
