using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Shared.Tests.Users;
using AtotiAuth.Shared.Users;
using AtotiAuth.Testing;

namespace AtotiAuth.Shared.Tests.Topologies.Sentinel;

/// <summary>The UserStore contract on a Redis Sentinel.</summary>
[Collection(SentinelTopology.Name)]
public sealed class SentinelUserStoreTests(RedisSentinelFixture fixture) : UserStoreContract, IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    protected override IUserStore CreateStore() => new RedisUserStore(_redis.Shared, _redis.StoreOptions());

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
