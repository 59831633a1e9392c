using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>Two replicas on their own connections: a logout on one reaches the other's cache through Redis pub/sub.</summary>
public sealed class RedisRevocationCacheTests(RedisFixture fixture) : IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);
    private readonly SessionOptions _timeouts = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cache_SessionRevokedOnAnotherConnection_HearsItWithoutAskingRedis()
    {
        var timeouts = Microsoft.Extensions.Options.Options.Create(_timeouts);
        var identity = _redis.Connect();
        var identityRevocations = new RedisRevocationStore(identity, _redis.StoreOptions(), timeouts, TimeProvider.System);
        var sessions = new RedisSessionStore(identity, identityRevocations, _redis.StoreOptions(), timeouts, TimeProvider.System);
        var sidecarStore = new CountingRevocationStore(
            new RedisRevocationStore(_redis.Connect(), _redis.StoreOptions(), timeouts, TimeProvider.System));
        var cache = new RevocationCache(
            sidecarStore,
            Microsoft.Extensions.Options.Options.Create(new RevocationCacheOptions()),
            timeouts,
            TimeProvider.System,
            NullLogger<RevocationCache>.Instance);
        var subscriber = new RevocationCacheSubscriber(sidecarStore, cache, TimeProvider.System, NullLogger<RevocationCacheSubscriber>.Instance);
        await subscriber.StartAsync(Cancel);
        var forwarded = new RecordingListener();
        using var registration = cache.AddListener(forwarded);
        var issued = await sessions.CreateAsync(new NewSession("alice", "basic", ["ROLE_USER"]), Cancel);
        await RecordingListener.WaitUntilAsync(async () =>
        {
            var before = sidecarStore.Checks;
            await cache.IsRevokedAsync(issued.Session.Id, Cancel);
            return sidecarStore.Checks == before;
        });
        var checks = sidecarStore.Checks;

        await sessions.RevokeAsync(issued.Session.Id, Cancel);

        Assert.True(await RecordingListener.WaitUntilAsync(async () => await cache.IsRevokedAsync(issued.Session.Id, Cancel)));
        Assert.Equal(checks, sidecarStore.Checks);
        Assert.True(await forwarded.HeardAsync(issued.Session.Id));
        await subscriber.StopAsync(Cancel);
    }

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
