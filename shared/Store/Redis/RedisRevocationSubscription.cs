using System.Net;
using AtotiAuth.Shared.Sessions;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// One listener's subscription to the revocations channel. The multiplexer resubscribes by itself after
/// a reconnect; this reports the gap, from the failure of a subscription connection to its restoration,
/// so the listener stops trusting what it cached meanwhile. A revocation made by this process is passed
/// on as soon as it is recorded, without waiting for the channel, and heard once: whichever of the
/// direct delivery and the channel's message comes second is dropped.
/// </summary>
internal sealed class RedisRevocationSubscription(
    IConnectionMultiplexer redis,
    RedisChannel channel,
    IRevocationListener listener,
    Action<RedisRevocationSubscription> disposed) : IAsyncDisposable
{
    /// <summary>How often a lost feed's connection is checked, in case its restoration event was missed.</summary>
    private static readonly TimeSpan RestoreCheckInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a subscription waits for the client's subscription connection while Redis itself answers.</summary>
    private static readonly TimeSpan SubscriptionConnectionWait = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly HashSet<EndPoint> _failed = [];
    private readonly Lock _ownGate = new();

    /// <summary>This process's revocations in flight: true once one of their two deliveries happened.</summary>
    private readonly Dictionary<string, bool> _own = new(StringComparer.Ordinal);
    private int _disposed;
    private int _checking;

    public async Task StartAsync()
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(channel, OnMessage);
                return;
            }
            catch (RedisConnectionException) when (redis.IsConnected && System.Diagnostics.Stopwatch.GetElapsedTime(started) < SubscriptionConnectionWait)
            {
                // The client opens its subscription connection after the interactive one, and fails a
                // subscription asked for before it is up at once (BacklogPolicy.FailFast, RedisConnection).
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        disposed(this);
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(channel, OnMessage);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            // Shutting down while Redis is away: the server-side subscription dies with the connection,
            // and OnMessage ignores anything delivered after this point.
        }
        catch (ObjectDisposedException)
        {
            // The host disposed the shared connection first (shutdown order): the subscription went with it.
        }
    }

    /// <summary>This process is about to revoke <paramref name="sessionId"/>: its message on the channel will be an echo.</summary>
    public void Expect(string sessionId)
    {
        lock (_ownGate)
        {
            // Echoes lost with a dropped connection would pile up: forgetting them costs a duplicate at most.
            if (_own.Count >= 10_000)
            {
                _own.Clear();
            }

            _own[sessionId] = false;
        }
    }

    /// <summary>The revocation could not be recorded: no echo will come.</summary>
    public void Forget(string sessionId)
    {
        lock (_ownGate)
        {
            _own.Remove(sessionId);
        }
    }

    /// <summary>This process's revocation is recorded: passed on now unless its echo came first.</summary>
    public void Deliver(string sessionId)
    {
        if (Volatile.Read(ref _disposed) == 0 && IsFirstOfTwo(sessionId))
        {
            listener.OnRevoked(sessionId);
        }
    }

    private bool IsFirstOfTwo(string sessionId)
    {
        lock (_ownGate)
        {
            if (!_own.TryGetValue(sessionId, out var other))
            {
                return true;
            }

            if (other)
            {
                _own.Remove(sessionId);
                return false;
            }

            _own[sessionId] = true;
            return true;
        }
    }

    private void OnMessage(RedisChannel _, RedisValue message)
    {
        if (Volatile.Read(ref _disposed) == 0 && !message.IsNullOrEmpty && IsFirstOfTwo(message!))
        {
            listener.OnRevoked(message!);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription || e.EndPoint is null)
        {
            return;
        }

        bool first;
        lock (_gate)
        {
            var wasHealthy = _failed.Count == 0;
            first = _failed.Add(e.EndPoint) && wasHealthy;
        }

        if (first)
        {
            listener.OnFeedLost();
        }

        CheckUntilRestored();
    }

    /// <summary>
    /// The multiplexer raises its events on the thread pool, so the restoration that follows a failure
    /// can be handled before it, and the failure would then stand for good. While any endpoint counts as
    /// failed, the subscription's connection is checked every <see cref="RestoreCheckInterval"/> too,
    /// and once it is connected again the feed counts as restored.
    /// </summary>
    private void CheckUntilRestored()
    {
        if (Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                while (Volatile.Read(ref _disposed) == 0 && HasFailures())
                {
                    await Task.Delay(RestoreCheckInterval).ConfigureAwait(false);
                    if (redis.GetSubscriber().IsConnected(channel))
                    {
                        RestoreAll();
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _checking, 0);
            }

            // A failure recorded between the last check and the flag's reset starts its own checks.
            if (Volatile.Read(ref _disposed) == 0 && HasFailures())
            {
                CheckUntilRestored();
            }
        });
    }

    private bool HasFailures()
    {
        lock (_gate)
        {
            return _failed.Count > 0;
        }
    }

    private void RestoreAll()
    {
        lock (_gate)
        {
            if (_failed.Count == 0)
            {
                return;
            }

            _failed.Clear();
        }

        listener.OnFeedRestored();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription || e.EndPoint is null)
        {
            return;
        }

        bool last;
        lock (_gate)
        {
            last = _failed.Remove(e.EndPoint) && _failed.Count == 0;
        }

        if (last)
        {
            listener.OnFeedRestored();
        }
    }
}
