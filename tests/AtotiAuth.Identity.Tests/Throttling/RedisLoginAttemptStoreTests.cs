using AtotiAuth.Identity.Throttling;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Throttling;

/// <summary>
/// The contract on the assembly's Redis; each topology (Sentinel, Cluster) runs it again through the
/// protected constructor (tests/AtotiAuth.Shared.Tests/Topologies).
/// </summary>
public class RedisLoginAttemptStoreTests : LoginAttemptStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis;

    public RedisLoginAttemptStoreTests(RedisFixture fixture)
        : this(new RedisTestContext(fixture))
    {
    }

    protected RedisLoginAttemptStoreTests(RedisTestContext redis)
    {
        _redis = redis;
    }

    protected override ILoginAttemptStore CreateStore() => new RedisLoginAttemptStore(_redis.Shared, _redis.StoreOptions(), Time);

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
