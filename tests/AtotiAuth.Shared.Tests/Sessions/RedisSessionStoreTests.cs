using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>
/// The contract on the assembly's Redis; each topology (Sentinel, Cluster) runs it again through the
/// protected constructor (tests/AtotiAuth.Shared.Tests/Topologies).
/// </summary>
public class RedisSessionStoreTests : SessionStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis;

    public RedisSessionStoreTests(RedisFixture fixture)
        : this(new RedisTestContext(fixture))
    {
    }

    protected RedisSessionStoreTests(RedisTestContext redis)
    {
        _redis = redis;
    }

    protected override (ISessionStore Sessions, IRevocationStore Revocations) CreateStores()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Timeouts);
        var revocations = new RedisRevocationStore(_redis.Shared, _redis.StoreOptions(), options, Time);
        return (new RedisSessionStore(_redis.Shared, revocations, _redis.StoreOptions(), options, Time), revocations);
    }

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
