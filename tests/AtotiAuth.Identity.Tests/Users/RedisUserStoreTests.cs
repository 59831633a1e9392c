using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Users;

/// <summary>
/// The contract on the assembly's Redis; each topology (Sentinel, Cluster) runs it again through the
/// protected constructor (tests/AtotiAuth.Shared.Tests/Topologies).
/// </summary>
public class RedisUserStoreTests : UserStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis;

    public RedisUserStoreTests(RedisFixture fixture)
        : this(new RedisTestContext(fixture))
    {
    }

    protected RedisUserStoreTests(RedisTestContext redis)
    {
        _redis = redis;
    }

    protected override IUserStore CreateStore() => new RedisUserStore(_redis.Shared, _redis.StoreOptions());

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
