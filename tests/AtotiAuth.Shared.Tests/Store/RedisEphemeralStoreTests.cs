using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>Each store on a connection of its own, as two replicas would be.</summary>
public sealed class RedisEphemeralStoreTests(RedisFixture fixture) : EphemeralStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override IEphemeralStore CreateStore() => new RedisEphemeralStore(_redis.Connect(), _redis.StoreOptions());

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
