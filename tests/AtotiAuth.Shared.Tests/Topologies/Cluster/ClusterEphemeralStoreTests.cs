using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

/// <summary>The EphemeralStore contract on a Redis Cluster.</summary>
[Collection(ClusterTopology.Name)]
public sealed class ClusterEphemeralStoreTests(RedisClusterFixture fixture) : EphemeralStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override IEphemeralStore CreateStore() => new RedisEphemeralStore(_redis.Connect(), _redis.StoreOptions());

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
