using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Sessions;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

/// <summary>The RevocationStore contract on a Redis Cluster.</summary>
[Collection(ClusterTopology.Name)]
public sealed class ClusterRevocationStoreTests(RedisClusterFixture fixture) : RevocationStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    /// <summary>Each store on a connection of its own, as separate replicas: revocations cross the topology's pub/sub.</summary>
    protected override IRevocationStore CreateStore() =>
        new RedisRevocationStore(_redis.Connect(), _redis.StoreOptions(), Microsoft.Extensions.Options.Options.Create(Timeouts), Time);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
