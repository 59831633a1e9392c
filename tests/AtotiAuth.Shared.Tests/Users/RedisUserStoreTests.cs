using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Shared.Users;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Users;

public sealed class RedisUserStoreTests(RedisFixture fixture) : UserStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override IUserStore CreateStore() => new RedisUserStore(_redis.Shared, _redis.StoreOptions());

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
