using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Roles;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Cluster;

/// <summary>The RoleStore contract on a Redis Cluster.</summary>
[Collection(ClusterTopology.Name)]
public sealed class ClusterRoleStoreTests(RedisClusterFixture fixture) : RoleStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override IRoleStore CreateStore() => new RedisRoleStore(_redis.Shared, _redis.StoreOptions());

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
