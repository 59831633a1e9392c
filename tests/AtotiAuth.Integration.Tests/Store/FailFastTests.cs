using System.Diagnostics;
using System.Globalization;
using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Store;

/// <summary>
/// While Redis refuses connections, a request that needs it answers 503 at once (issue 21): the client
/// fails commands while no server is connected instead of queueing them for its 2 s timeout. Measured
/// at the sign-in, at <c>/jwt</c> and at a sidecar, one request at a time, once each answers 503.
/// </summary>
public sealed class FailFastTests(RedisFixture sharedRedis)
{
    private const int Samples = 100;
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(100);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisRefusingConnections_RequestsAnswer503Within100MsP99()
    {
        sharedRedis.EnsureAvailable();
        await using var redis = await RestartedRedis.StartAsync(persistent: false, Ct);
        await using var system = new StoreSystem(redis.ConnectionString);
        var login = await system.LoginAsync(StoreSystem.Alice, StoreSystem.AlicePassword, Ct);
        for (var attempt = 0; login.Value is null && attempt < 100; attempt++)
        {
            await Task.Delay(100, Ct);
            login = await system.LoginAsync(StoreSystem.Alice, StoreSystem.AlicePassword, Ct);
        }

        var cookie = login.Value!;
        var jwt = (await system.JwtAsync(cookie, Ct)).Value!;
        Assert.True((await system.PingAsync(0, jwt, Ct)).Value);

        await redis.StopAsync(Ct);
        var calls = new (string Name, Func<Task<HttpStatusCode>> Call)[]
        {
            ("sign-in", async () => (await system.LoginAsync(StoreSystem.Alice, StoreSystem.AlicePassword, Ct)).Status),
            ("/jwt", async () => (await system.JwtAsync(cookie, Ct)).Status),
            ("ping", async () => (await system.PingAsync(0, jwt, Ct)).Status),
        };
        var report = new List<string>();
        foreach (var (name, call) in calls)
        {
            var first = Stopwatch.StartNew();
            while (await call() != HttpStatusCode.ServiceUnavailable && first.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50, Ct);
            }

            var took = new List<double>(Samples);
            var statuses = new List<HttpStatusCode>(Samples);
            for (var i = 0; i < Samples; i++)
            {
                var clock = Stopwatch.StartNew();
                statuses.Add(await call());
                took.Add(clock.Elapsed.TotalMilliseconds);
            }

            took.Sort();
            var (p50, p99) = (took[Samples / 2], took[(int)Math.Ceiling(Samples * 0.99) - 1]);
            report.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: p50 {p50:F1} ms, p99 {p99:F1} ms, max {took[^1]:F1} ms ({statuses.Count(static s => s == HttpStatusCode.ServiceUnavailable)}/{Samples} 503)"));
            Assert.All(statuses, static s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
            Assert.True(p99 <= Bound.TotalMilliseconds, $"{name}: p99 {p99:F1} ms over {Bound.TotalMilliseconds} ms");
        }

        TestContext.Current.TestOutputHelper?.WriteLine("503 while Redis refuses connections: " + string.Join("; ", report));
    }
}
