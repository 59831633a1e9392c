using AtotiAuth.Shared.Metrics;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Store.InMemory;

/// <summary>Revocations of the standalone host: notifications reach listeners synchronously, and the feed is never lost.</summary>
internal sealed class InMemoryRevocationStore(IOptions<SessionOptions> sessionOptions, TimeProvider time) : IRevocationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _revokedAt = new(StringComparer.Ordinal);
    private readonly List<IRevocationListener> _listeners = [];
    private int _pruneAt = 1024;
    private readonly TimeSpan _retention = sessionOptions.Value.RevocationRetention;

    public Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        IRevocationListener[] listeners;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            PruneWhenGrown(now);
            _revokedAt[sessionId] = now;
            listeners = [.. _listeners];
        }

        AtotiAuthMetrics.RevocationsPublished.Add(1);
        foreach (var listener in listeners)
        {
            listener.OnRevoked(sessionId);
        }

        return Task.CompletedTask;
    }

    public Task<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_gate)
        {
            return Task.FromResult(_revokedAt.TryGetValue(sessionId, out var at) && time.GetUtcNow() - at < _retention);
        }
    }

    public Task<IAsyncDisposable> SubscribeAsync(IRevocationListener listener, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listener);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return Task.FromResult<IAsyncDisposable>(new Subscription(this, listener));
    }

    private void Unsubscribe(IRevocationListener listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }
    }

    /// <summary>Drops expired records once the table doubled since the last sweep: amortised constant time.</summary>
    private void PruneWhenGrown(DateTimeOffset now)
    {
        if (_revokedAt.Count < _pruneAt)
        {
            return;
        }

        foreach (var (sessionId, at) in _revokedAt)
        {
            if (now - at >= _retention)
            {
                _revokedAt.Remove(sessionId);
            }
        }

        _pruneAt = Math.Max(1024, _revokedAt.Count * 2);
    }

    private sealed class Subscription(InMemoryRevocationStore store, IRevocationListener listener) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            store.Unsubscribe(listener);
            return ValueTask.CompletedTask;
        }
    }
}
