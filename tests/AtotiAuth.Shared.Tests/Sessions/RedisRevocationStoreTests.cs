using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>Each store made by a test has its own connection, as separate replicas would.</summary>
public sealed class RedisRevocationStoreTests(RedisFixture fixture) : RevocationStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override IRevocationStore CreateStore() =>
        new RedisRevocationStore(_redis.Connect(), _redis.StoreOptions(), Microsoft.Extensions.Options.Options.Create(Timeouts), Time);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
