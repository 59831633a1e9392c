using Microsoft.Extensions.Logging;

namespace AtotiAuth.Shared.Sessions;

/// <summary>The listeners <see cref="RevocationCache"/> forwards to; one faulty listener never silences the others.</summary>
internal sealed partial class RevocationListenerSet(ILogger logger)
{
    private readonly Lock _gate = new();
    private IRevocationListener[] _listeners = [];

    public IDisposable Add(IRevocationListener listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Registration(this, listener);
    }

    public void Revoked(string sessionId) => Forward(static (l, id) => l.OnRevoked(id!), sessionId);

    public void FeedLost() => Forward(static (l, _) => l.OnFeedLost(), null);

    public void FeedRestored() => Forward(static (l, _) => l.OnFeedRestored(), null);

    private void Forward(Action<IRevocationListener, string?> notify, string? sessionId)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                notify(listener, sessionId);
            }
#pragma warning disable CA1031 // Called on the store's thread: an exception here would reach the Redis client, and skip the other listeners.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogListenerFailed(logger, listener.GetType().Name, ex);
            }
        }
    }

    private void Remove(IRevocationListener listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => !ReferenceEquals(l, listener))];
        }
    }

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "Revocation listener {Listener} failed.")]
    private static partial void LogListenerFailed(ILogger logger, string listener, Exception exception);

    private sealed class Registration(RevocationListenerSet set, IRevocationListener listener) : IDisposable
    {
        public void Dispose() => set.Remove(listener);
    }
}
