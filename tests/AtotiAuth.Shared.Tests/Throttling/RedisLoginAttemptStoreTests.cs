using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Shared.Throttling;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Throttling;

public sealed class RedisLoginAttemptStoreTests(RedisFixture fixture) : LoginAttemptStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override ILoginAttemptStore CreateStore() => new RedisLoginAttemptStore(_redis.Shared, _redis.StoreOptions(), Time);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
