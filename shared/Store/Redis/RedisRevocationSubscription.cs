using System.Net;
using AtotiAuth.Shared.Sessions;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// One listener's subscription to the revocations channel. The multiplexer resubscribes by itself after
/// a reconnect; this reports the gap, from the failure of a subscription connection to its restoration,
/// so the listener stops trusting what it cached meanwhile.
/// </summary>
internal sealed class RedisRevocationSubscription(IConnectionMultiplexer redis, RedisChannel channel, IRevocationListener listener)
    : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<EndPoint> _failed = [];
    private int _disposed;

    public async Task StartAsync()
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        await redis.GetSubscriber().SubscribeAsync(channel, OnMessage);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

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

    private void OnMessage(RedisChannel _, RedisValue message)
    {
        if (Volatile.Read(ref _disposed) == 0 && !message.IsNullOrEmpty)
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
