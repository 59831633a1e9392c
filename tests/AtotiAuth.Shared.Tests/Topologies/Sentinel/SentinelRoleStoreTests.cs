using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Roles;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Sentinel;

/// <summary>The RoleStore contract on a Redis Sentinel.</summary>
[Collection(SentinelTopology.Name)]
public sealed class SentinelRoleStoreTests(RedisSentinelFixture fixture) : RoleStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override IRoleStore CreateStore() => new RedisRoleStore(_redis.Shared, _redis.StoreOptions());

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
