using System.Collections.Concurrent;
using AtotiAuth.Shared.Metrics;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;

namespace AtotiAuth.Ping.Revocation;

/// <summary>
/// The WebSockets open through this sidecar, by session. A revocation notification aborts the
/// session's sockets at once (DESIGN.md §2: a logout is felt by every cube, not only at expiry). After a
/// gap in the feed, every open socket's session is asked about, since a notification may have been missed.
/// It hears the feed through the <see cref="RevocationCache"/>; a socket can only be tracked once this
/// exists, so nothing it needs is heard before it listens.
/// </summary>
internal sealed partial class OpenSockets : IRevocationListener, IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<HttpContext, byte>> _bySession = new(StringComparer.Ordinal);
    private readonly RevocationCache _revocations;
    private readonly ILogger<OpenSockets> _logger;
    private readonly IDisposable _listening;

    public OpenSockets(RevocationCache revocations, ILogger<OpenSockets> logger)
    {
        _revocations = revocations;
        _logger = logger;
        _listening = revocations.AddListener(this);
    }

    public int Count => _bySession.Values.Sum(static s => s.Count);

    /// <summary>Tracks the socket until the returned handle is disposed (when the proxied exchange ends).</summary>
    public IDisposable Track(string sessionId, HttpContext context)
    {
        var sockets = _bySession.GetOrAdd(sessionId, static _ => new ConcurrentDictionary<HttpContext, byte>());
        sockets[context] = 0;
        AtotiAuthMetrics.SocketsOpen.Add(1);
        return new Tracking(this, sessionId, context);
    }

    public void OnRevoked(string sessionId) => Abort(sessionId, "revoked");

    public void OnFeedLost() => LogFeedLost(_logger, Count);

    public void OnFeedRestored() => _ = RecheckAsync();

    /// <summary>Asks the store about every open socket's session; aborts the revoked ones.</summary>
    internal async Task RecheckAsync()
    {
        foreach (var sessionId in _bySession.Keys)
        {
            try
            {
                if (await _revocations.IsRevokedAsync(sessionId))
                {
                    Abort(sessionId, "revoked while the feed was down");
                }
            }
            catch (StoreUnavailableException)
            {
                // The feed came back but the store did not answer: the next restoration asks again.
                return;
            }
        }
    }

    private void Abort(string sessionId, string reason)
    {
        if (!_bySession.TryRemove(sessionId, out var sockets))
        {
            return;
        }

        foreach (var context in sockets.Keys)
        {
            context.Abort();
        }

        AtotiAuthMetrics.SocketsRevoked.Add(sockets.Count);
        LogAborted(_logger, sockets.Count, sessionId, reason);
    }

    public void Dispose() => _listening.Dispose();

    private void Untrack(string sessionId, HttpContext context)
    {
        if (_bySession.TryGetValue(sessionId, out var sockets))
        {
            sockets.TryRemove(context, out _);
            if (sockets.IsEmpty)
            {
                _bySession.TryRemove(new KeyValuePair<string, ConcurrentDictionary<HttpContext, byte>>(sessionId, sockets));
            }
        }
    }

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Closed {Count} WebSocket(s) of session {SessionId}: {Reason}")]
    private static partial void LogAborted(ILogger logger, int count, string sessionId, string reason);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "Revocation feed lost with {Count} WebSocket(s) open; their sessions are re-checked when it returns")]
    private static partial void LogFeedLost(ILogger logger, int count);

    private sealed class Tracking(OpenSockets owner, string sessionId, HttpContext context) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                AtotiAuthMetrics.SocketsOpen.Add(-1);
                owner.Untrack(sessionId, context);
            }
        }
    }
}
