using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Testing;

namespace AtotiAuth.Identity.Tests.Store;

/// <summary>What only the identity service's Redis stores have to get right: key prefixes and TTLs.</summary>
public sealed class RedisStoreLayoutTests(RedisFixture fixture) : IAsyncDisposable
{
    private readonly RedisTestContext _redis = new(fixture);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_DifferentKeyPrefixes_SeeNothingOfEachOther()
    {
        var usersA = new RedisUserStore(_redis.Shared, _redis.StoreOptions($"{_redis.KeyPrefix}a:"));
        var usersB = new RedisUserStore(_redis.Shared, _redis.StoreOptions($"{_redis.KeyPrefix}b:"));

        await usersA.CreateAsync(new BasicUser("alice", "hash", UserStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), Cancel);

        Assert.NotNull(await usersA.FindAsync("alice", Cancel));
        Assert.Null(await usersB.FindAsync("alice", Cancel));
        Assert.Empty(await usersB.ListAsync(Cancel));
    }

    [Fact]
    public async Task LoginAttempts_EveryKey_ExpiresWithItsWindowOrLifetime()
    {
        var attempts = new RedisLoginAttemptStore(_redis.Shared, _redis.StoreOptions(), TimeProvider.System);
        var window = TimeSpan.FromMinutes(15);

        await attempts.TryCountAsync("user:ALICE", "192.0.2.1", 5, 100, window, Cancel);
        await attempts.TryCountAsync("addr:192.0.2.1", "all", 50, 50, window, Cancel);
        await attempts.EndAsync("user:ALICE", "192.0.2.1", AttemptEnd.Succeeded, Cancel);
        await attempts.RememberAsync("known:ALICE", "192.0.2.1", TimeSpan.FromDays(30), Cancel);

        var db = _redis.Shared.GetDatabase();
        foreach (var key in new[] { "user:ALICE", "addr:192.0.2.1" })
        {
            Assert.InRange((await db.KeyTimeToLiveAsync($"{_redis.KeyPrefix}login-attempts:{key}"))!.Value, window - TimeSpan.FromMinutes(1), window);
        }

        Assert.InRange((await db.KeyTimeToLiveAsync($"{_redis.KeyPrefix}login-attempts:known:ALICE"))!.Value, TimeSpan.FromDays(29), TimeSpan.FromDays(30));
    }

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
