using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>
/// Each store made by a test has its own connection, as separate replicas would: revocations cross
/// the server's pub/sub. The contract on the assembly's Redis; each topology (Sentinel, Cluster) runs it again through the
/// protected constructor (tests/AtotiAuth.Shared.Tests/Topologies).
/// </summary>
public class RedisRevocationStoreTests : RevocationStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis;

    public RedisRevocationStoreTests(RedisFixture fixture)
        : this(new RedisTestContext(fixture))
    {
    }

    protected RedisRevocationStoreTests(RedisTestContext redis)
    {
        _redis = redis;
    }

    protected override IRevocationStore CreateStore() =>
        new RedisRevocationStore(_redis.Connect(), _redis.StoreOptions(), Microsoft.Extensions.Options.Options.Create(Timeouts), Time);

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
