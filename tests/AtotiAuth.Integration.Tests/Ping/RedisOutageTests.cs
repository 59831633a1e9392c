using System.Diagnostics;
using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Ping;

/// <summary>A Redis of its own, stopped and started mid-test; the shared one keeps serving the other classes.</summary>
public sealed class RedisOutageTests(RedisFixture sharedRedis)
{
    [Fact]
    public async Task Sidecar_RedisDownThenBack_FailsClosedWith503ThenRecovers()
    {
        sharedRedis.EnsureAvailable();
        // With its data (AOF): a Redis that came back empty would have ended the session (issue 21).
        await using var redis = await Store.RestartedRedis.StartAsync(persistent: true, TestContext.Current.CancellationToken);
        await using var deployment = PingDeployment.Start(redis.ConnectionString, feedLossGrace: TimeSpan.FromSeconds(1));
        var login = await deployment.LoginAsync("frank", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        using (var healthy = await SidecarCalls.PingAsync(http, deployment.Risk, $"Bearer {login.Token}"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        await redis.StopAsync(TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        var seen = new List<HttpStatusCode>();
        string? code = null;
        while (code is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await SidecarCalls.PingAsync(http, deployment.Risk, $"Bearer {login.Token}");
            seen.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                code = await SidecarCalls.ProblemCodeAsync(response);
                Assert.Null(SidecarCalls.SetCookie(response, PingDeployment.RiskCookie));
            }
            else
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        var failedClosedAfter = clock.Elapsed;
        using (var proxied = await SidecarCalls.GetAsync(http, new Uri(deployment.Risk.Address, "/api/whoami"), bearer: login.Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, proxied.StatusCode);
            Assert.Equal("store_unavailable", await SidecarCalls.ProblemCodeAsync(proxied));
        }

        await redis.StartAgainAsync(TestContext.Current.CancellationToken);
        clock.Restart();
        var recovered = false;
        while (!recovered && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await SidecarCalls.PingAsync(http, deployment.Risk, $"Bearer {login.Token}");
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            recovered = response.StatusCode == HttpStatusCode.OK;
            if (!recovered)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"outage: 503 after {failedClosedAfter.TotalMilliseconds:F0} ms ({seen.Count} pings: {string.Join(",", seen.Select(static s => (int)s))}); " +
            $"recovered {clock.Elapsed.TotalMilliseconds:F0} ms after Redis restarted");
        Assert.Equal("store_unavailable", code);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, seen);
        Assert.All(seen, static s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.True(recovered, "the sidecar did not recover within 30 s of Redis coming back");
    }
}
