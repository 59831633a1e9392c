using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Revocation;

/// <summary>
/// How long a WebSocket stays open: as long as its session lives. A revocation closes it at once
/// (<see cref="OpenSockets"/>). The end of a session that is not revoked (its idle or absolute timeout)
/// is not announced, so the socket's session is looked up when the cookie it opened with expires, and
/// again every <see cref="PingOptions.SocketSessionCheck"/>: gone, the socket is closed. A UI that keeps
/// renewing its token keeps its session alive, and its sockets with it, all day (issue "all-day sessions").
/// </summary>
internal sealed partial class SocketLifetime(ISessionStore sessions, IOptions<PingOptions> options, TimeProvider time, ILogger<SocketLifetime> logger)
{
    /// <summary>When the store cannot be asked, the question is asked again this soon.</summary>
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(5);

    private TimeProvider Time => time;

    /// <summary>Watches the socket of <paramref name="context"/> until the returned handle is disposed.</summary>
    public IDisposable Watch(HttpContext context, AtotiAuthCaller caller)
    {
        var watch = new SocketWatch(this, context, caller.SessionId);
        watch.Arm(caller.ExpiresAt - time.GetUtcNow());
        return watch;
    }

    private async Task<TimeSpan?> NextCheckAsync(string sessionId)
    {
        Session? session;
        try
        {
            session = await sessions.GetAsync(sessionId);
        }
        catch (StoreUnavailableException)
        {
            return StoreRetry;
        }

        if (session is null)
        {
            LogSessionEnded(logger, sessionId);
            return null;
        }

        var left = session.ExpiresAt - time.GetUtcNow();
        var check = options.Value.SocketSessionCheck;
        return left < check ? left : check;
    }

    [LoggerMessage(EventId = 5023, Level = LogLevel.Information, Message = "Closed the WebSocket(s) of session {SessionId}: the session has ended")]
    private static partial void LogSessionEnded(ILogger logger, string sessionId);

    private sealed class SocketWatch : IDisposable
    {
        private readonly SocketLifetime _owner;
        private readonly HttpContext _context;
        private readonly string _sessionId;
        private readonly ITimer _timer;
        private int _disposed;

        public SocketWatch(SocketLifetime owner, HttpContext context, string sessionId)
        {
            _owner = owner;
            _context = context;
            _sessionId = sessionId;
            _timer = owner.Time.CreateTimer(static state => _ = ((SocketWatch)state!).CheckAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Arm(TimeSpan due) => _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _timer.Dispose();
            }
        }

        private async Task CheckAsync()
        {
            var next = await _owner.NextCheckAsync(_sessionId);
            if (Volatile.Read(ref _disposed) == 1)
            {
                return;
            }

            if (next is { } due && due > TimeSpan.Zero)
            {
                Arm(due);
            }
            else
            {
                _context.Abort();
            }
        }
    }
}
