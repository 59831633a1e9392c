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
        var dedicated = Own(new RedisFixture());
        await dedicated.InitializeAsync();
        var factory = StartTokenService(new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = dedicated.ConnectionString,
            ["AtotiAuth:Session:CacheDuration"] = "00:00:00",
        });
        using var client = factory.CreateRealClient();
        var (_, cookie) = await factory.LogInAsync("alice", "ROLE_USER");
        using (var before = await client.GetJwtAsync(cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await dedicated.Container.PauseAsync(TestContext.Current.CancellationToken);
        using (var during = await client.GetJwtAsync(cookie))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.Equal(ProblemCodes.StoreUnavailable, await during.ReadProblemCodeAsync());
        }

        await dedicated.Container.UnpauseAsync(TestContext.Current.CancellationToken);
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

    [Fact]
    public async Task Verifier_RedisStopped_Returns503AfterGraceThenRecovers()
    {
        Redis.EnsureAvailable();
        // With its data (AOF): a Redis that came back empty would have ended the session (issue 21).
        var redis = Own(await Store.RestartedRedis.StartAsync(persistent: true, TestContext.Current.CancellationToken));
        var connection = redis.ConnectionString;
        var service = StartTokenService(new Dictionary<string, string?> { ["AtotiAuth:Store:Redis"] = connection });
        using var client = service.CreateRealClient();
        var (_, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var issued = await client.GetJwtAsync(cookie);
        var bearer = "Bearer " + await issued.ReadTokenAsync();
        var cube = Own(await VerifierApp.StartAtotiAuthAsync(service, connection, feedLossGrace: "00:00:01"));
        using (var before = await cube.CallAsync(bearer))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await redis.StopAsync(TestContext.Current.CancellationToken);
        var during = await PollAsync(cube, bearer, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.Equal(ProblemCodes.StoreUnavailable, during.Code);

        await redis.StartAgainAsync(TestContext.Current.CancellationToken);
        var after = await PollAsync(cube, bearer, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    /// <summary>Calls until the expected status or 20 s; never a 500 or an unchecked 200 on the way down.</summary>
    private static async Task<(HttpStatusCode Status, string? Code)> PollAsync(VerifierApp cube, string bearer, HttpStatusCode expected)
    {
        (HttpStatusCode Status, string? Code) last = default;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await cube.CallAsync(bearer);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            last = (response.StatusCode, response.StatusCode == HttpStatusCode.ServiceUnavailable ? await response.ReadProblemCodeAsync() : null);
            if (last.Status == expected)
            {
                return last;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return last;
    }
}
