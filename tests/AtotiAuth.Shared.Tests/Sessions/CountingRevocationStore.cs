using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>Wraps a real store to count the questions that reach it and to play an outage.</summary>
internal sealed class CountingRevocationStore(IRevocationStore inner) : IRevocationStore
{
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    public bool Down { get; set; }

    public Task RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ThrowWhenDown();
        return inner.RevokeAsync(sessionId, cancellationToken);
    }

    public Task<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _checks);
        ThrowWhenDown();
        return inner.IsRevokedAsync(sessionId, cancellationToken);
    }

    public Task<IAsyncDisposable> SubscribeAsync(IRevocationListener listener, CancellationToken cancellationToken = default)
    {
        ThrowWhenDown();
        return inner.SubscribeAsync(listener, cancellationToken);
    }

    private void ThrowWhenDown()
    {
        if (Down)
        {
            throw new StoreUnavailableException("Playing an outage.");
        }
    }
}
