using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>
/// Each store on a connection of its own, as two replicas would be. The contract on the assembly's Redis; each topology (Sentinel, Cluster) runs it again through the
/// protected constructor (tests/AtotiAuth.Shared.Tests/Topologies).
/// </summary>
public class RedisEphemeralStoreTests : EphemeralStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis;

    public RedisEphemeralStoreTests(RedisFixture fixture)
        : this(new RedisTestContext(fixture))
    {
    }

    protected RedisEphemeralStoreTests(RedisTestContext redis)
    {
        _redis = redis;
    }

    protected override IEphemeralStore CreateStore() => new RedisEphemeralStore(_redis.Connect(), _redis.StoreOptions());

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
