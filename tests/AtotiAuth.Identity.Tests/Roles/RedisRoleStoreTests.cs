using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Roles;

/// <summary>
/// The contract on the assembly's Redis; each topology (Sentinel, Cluster) runs it again through the
/// protected constructor (tests/AtotiAuth.Shared.Tests/Topologies).
/// </summary>
public class RedisRoleStoreTests : RoleStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis;

    public RedisRoleStoreTests(RedisFixture fixture)
        : this(new RedisTestContext(fixture))
    {
    }

    protected RedisRoleStoreTests(RedisTestContext redis)
    {
        _redis = redis;
    }

    protected override IRoleStore CreateStore() => new RedisRoleStore(_redis.Shared, _redis.StoreOptions());

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
