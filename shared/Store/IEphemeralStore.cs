namespace AtotiAuth.Shared.Store;

/// <summary>
/// Short-lived markers and sets with a time to live: one-time values (a logout token's <c>jti</c>,
/// RFC 7519 §4.1.7), side indexes (an OpenID provider's <c>sid</c> → our session ids) and values all
/// replicas must agree on (the login form's signing key of the day). Every
/// method throws <see cref="StoreUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IEphemeralStore
{
    /// <summary>Records <paramref name="key"/> for <paramref name="timeToLive"/>; false when it was already recorded (a replay).</summary>
    Task<bool> TryMarkAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Adds a member to the set at <paramref name="key"/> and extends the set's life to at least <paramref name="timeToLive"/>.</summary>
    Task AddToSetAsync(string key, string member, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>The members of the set at <paramref name="key"/>, empty when missing or expired.</summary>
    Task<IReadOnlyList<string>> GetSetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The value at <paramref name="key"/>; when there is none (or it expired), <paramref name="value"/> is
    /// stored for <paramref name="timeToLive"/> and returned. Atomic across replicas: concurrent callers
    /// with different values all get the one value that was stored first.
    /// </summary>
    Task<string> GetOrAddAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken = default);
}
