using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Shared.Tests.Throttling;
using AtotiAuth.Shared.Throttling;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

/// <summary>The LoginAttemptStore contract on a Redis Cluster.</summary>
[Collection(ClusterTopology.Name)]
public sealed class ClusterLoginAttemptStoreTests(RedisClusterFixture fixture) : LoginAttemptStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override ILoginAttemptStore CreateStore() => new RedisLoginAttemptStore(_redis.Shared, _redis.StoreOptions(), Time);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
