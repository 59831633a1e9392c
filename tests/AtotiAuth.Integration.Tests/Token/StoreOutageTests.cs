using System.Net;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Token;

/// <summary>
/// Redis unreachable while the token service runs: it fails closed with a 503 problem, never a 500 and
/// never a token, and serves again once Redis answers, without a restart (DESIGN.md §5).
/// </summary>
public sealed class StoreOutageTests(RedisFixture shared) : TokenServiceTestBase(shared)
{
    [Fact]
    public async Task Jwt_RedisPaused_Returns503ThenRecovers()
    {
        Redis.EnsureAvailable();
        var dedicated = Own(new DedicatedRedis());
        await dedicated.Redis.InitializeAsync();
        var factory = StartTokenService(new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = dedicated.Redis.ConnectionString,
            ["AtotiAuth:Token:SessionCacheDuration"] = "00:00:00",
        });
        using var client = factory.CreateRealClient();
        var (_, cookie) = await factory.LogInAsync("alice", "ROLE_USER");
        using (var before = await client.GetJwtAsync(cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await dedicated.Redis.Container.PauseAsync(TestContext.Current.CancellationToken);
        using (var during = await client.GetJwtAsync(cookie))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.Equal(ProblemCodes.StoreUnavailable, await during.ReadProblemCodeAsync());
        }

        await dedicated.Redis.Container.UnpauseAsync(TestContext.Current.CancellationToken);
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 50 && status != HttpStatusCode.OK; attempt++)
        {
            using var after = await client.GetJwtAsync(cookie);
            status = after.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private sealed class DedicatedRedis : IAsyncDisposable
    {
        public RedisFixture Redis { get; } = new();

        public ValueTask DisposeAsync() => Redis.DisposeAsync();
    }
}
