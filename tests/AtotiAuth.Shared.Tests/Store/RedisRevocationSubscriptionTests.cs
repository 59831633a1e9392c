using System.Net;
using System.Reflection;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Sessions;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>
/// The multiplexer's connection events, raised by hand in the order the thread pool may run them. A fake
/// multiplexer stands in for StackExchange.Redis here only because its events cannot be reordered on a
/// real connection; the real loss and restoration are covered against Redis by <see cref="RedisStoreLayoutTests"/>.
/// </summary>
public sealed class RedisRevocationSubscriptionTests
{
    private static readonly EndPoint Server = new IPEndPoint(IPAddress.Loopback, 6379);

    [Fact]
    public async Task ConnectionEvents_RestoredHandledBeforeFailed_FeedStillRestoredOnceConnected()
    {
        var (fake, listener, subscription) = await SubscribeAsync();
        await using var _ = subscription;

        fake.Raise("ConnectionRestored", ConnectionType.Subscription);
        fake.Raise("ConnectionFailed", ConnectionType.Subscription);

        Assert.Equal(1, listener.FeedLost);
        Assert.True(await RecordingListener.WaitUntilAsync(() => listener.FeedRestored >= 1));
    }

    [Fact]
    public async Task ConnectionEvents_FailedWhileStillDisconnected_NotRestoredUntilConnected()
    {
        var (fake, listener, subscription) = await SubscribeAsync();
        await using var _ = subscription;
        fake.Connected = false;

        fake.Raise("ConnectionFailed", ConnectionType.Subscription);
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var restoredWhileDown = listener.FeedRestored;
        fake.Connected = true;

        Assert.Equal(0, restoredWhileDown);
        Assert.True(await RecordingListener.WaitUntilAsync(() => listener.FeedRestored >= 1));
    }

    private static async Task<(FakeMultiplexer Fake, RecordingListener Listener, RedisRevocationSubscription Subscription)> SubscribeAsync()
    {
        var redis = FakeMultiplexer.Create();
        var listener = new RecordingListener();
        var subscription = new RedisRevocationSubscription(redis, RedisChannel.Literal("revocations"), listener, static _ => { });
        await subscription.StartAsync();
        return ((FakeMultiplexer)(object)redis, listener, subscription);
    }

    /// <summary>Records event handlers and answers <c>IsConnected</c>; every other member is unused here.</summary>
    public class FakeMultiplexer : DispatchProxy
    {
        private readonly Dictionary<string, EventHandler<ConnectionFailedEventArgs>?> _handlers = [];
        private ISubscriber? _subscriber;

        private volatile bool _connected = true;

        public bool Connected
        {
            get => _connected;
            set => _connected = value;
        }

        public static IConnectionMultiplexer Create() => Create<IConnectionMultiplexer, FakeMultiplexer>();

        public void Raise(string name, ConnectionType type) =>
            _handlers.GetValueOrDefault(name)?.Invoke(this, new ConnectionFailedEventArgs(this, Server, type, ConnectionFailureType.SocketClosed, null!, "fake"));

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod!.Name)
            {
                case "add_ConnectionFailed" or "add_ConnectionRestored":
                    _handlers[targetMethod.Name[4..]] = (EventHandler<ConnectionFailedEventArgs>)args![0]!;
                    return null;
                case "remove_ConnectionFailed" or "remove_ConnectionRestored":
                    _handlers[targetMethod.Name[7..]] = null;
                    return null;
                case "GetSubscriber":
                    _subscriber ??= FakeSubscriber.Create(this);
                    return _subscriber;
                default:
                    throw new NotSupportedException(targetMethod.Name);
            }
        }
    }

    /// <summary>Subscribes without a server and reports the fake multiplexer's connection state.</summary>
    public class FakeSubscriber : DispatchProxy
    {
        private FakeMultiplexer _owner = null!;

        public static ISubscriber Create(FakeMultiplexer owner)
        {
            var subscriber = Create<ISubscriber, FakeSubscriber>();
            ((FakeSubscriber)(object)subscriber)._owner = owner;
            return subscriber;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name switch
        {
            "SubscribeAsync" or "UnsubscribeAsync" => Task.CompletedTask,
            "IsConnected" => _owner.Connected,
            _ => throw new NotSupportedException(targetMethod.Name),
        };
    }
}
