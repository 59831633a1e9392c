using AtotiAuth.Testing;
using StackExchange.Redis;

namespace AtotiAuth.Integration.Tests.Infrastructure;

public sealed class RedisFixtureTests(RedisFixture redis)
{
    [Fact]
    public async Task Redis_SetThenGet_ReturnsTheValue()
    {
        redis.EnsureAvailable();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = connection.GetDatabase();
        var key = $"fixture-test:{Guid.NewGuid():N}";

        await db.StringSetAsync(key, "pong", TimeSpan.FromMinutes(1));

        Assert.Equal("pong", (string?)await db.StringGetAsync(key));
    }
}
