using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Sessions;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

/// <summary>The SessionStore contract on a Redis Cluster.</summary>
[Collection(ClusterTopology.Name)]
public sealed class ClusterSessionStoreTests(RedisClusterFixture fixture) : SessionStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override (ISessionStore Sessions, IRevocationStore Revocations) CreateStores()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Timeouts);
        var revocations = new RedisRevocationStore(_redis.Shared, _redis.StoreOptions(), options, Time);
        return (new RedisSessionStore(_redis.Shared, revocations, _redis.StoreOptions(), options, Time), revocations);
    }

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
