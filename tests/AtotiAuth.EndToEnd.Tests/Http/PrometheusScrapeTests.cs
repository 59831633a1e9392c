using System.Globalization;
using System.Net;
using System.Text.Json;
using AtotiAuth.EndToEnd.Tests.Infrastructure;
using AtotiAuth.Testing;

namespace AtotiAuth.EndToEnd.Tests.Http;

/// <summary>Tests that read counters every service shares: run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(PrometheusScrapeTests), DisableParallelization = true)]
public sealed class PrometheusScrapeGroup;

/// <summary>
/// Issue 16: Debian's Prometheus (a test image) scrapes every service of the end-to-end system on its
/// metrics port (9464, which the gateway never routes to) and loads the deployment's alert rules; after
/// scripted logins and a refused ping, its queries for the login and refusal counters show exactly the
/// increments those requests made.
/// </summary>
[Collection(nameof(PrometheusScrapeTests))]
public sealed class PrometheusScrapeTests(EndToEndSystem system)
{
    private const int MetricsPort = 9464;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly string[] Services =
    [
        .. Topology.IdentityReplicas, .. Topology.TokenReplicas, .. Topology.Cubes.Select(static c => c.Sidecar),
    ];

    private const string BasicSuccesses = "sum(atotiauth_logins_total{provider=\"basic\",outcome=\"success\"})";
    private const string PasswordFailures = "sum(atotiauth_logins_total{provider=\"password\",outcome=\"invalid\"})";
    private const string InvalidTokens = "sum(atotiauth_refusals_total{code=\"invalid_token\"})";

    [Fact]
    public async Task Prometheus_AfterLoginsAndARefusedPing_CountsExactlyThose()
    {
        system.EnsureAvailable();
        EnsureImage();
        var ct = TestContext.Current.CancellationToken;
        await using var prometheus = system.Prometheus(Services.Select(static s => string.Create(CultureInfo.InvariantCulture, $"{s}:{MetricsPort}")));
        await prometheus.StartAsync(ct);
        using var client = new HttpClient { BaseAddress = new UriBuilder(Uri.UriSchemeHttp, prometheus.Hostname, prometheus.GetMappedPublicPort(9090)).Uri };

        // Every service answers on its metrics port, and the deployment's rules load (four alerts).
        Assert.True(await WaitForAsync(client, "count(up == 1)", Services.Length, ct), $"not every service was scraped: {await QueryAsync(client, "up", ct)}");
        using (var rules = await client.GetAsync(new Uri("/api/v1/rules", UriKind.Relative), ct))
        {
            using var body = JsonDocument.Parse(await rules.Content.ReadAsStringAsync(ct));
            var names = body.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
                .SelectMany(static g => g.GetProperty("rules").EnumerateArray()).Select(static r => r.GetProperty("name").GetString()).ToList();
            Assert.Contains("AtotiAuthRevocationFeedDown", names);
            Assert.Contains("AtotiAuthLoginFailuresSpiking", names);
        }

        // Two scrapes after the targets are up, so that the baseline holds what earlier tests did.
        await Task.Delay(TimeSpan.FromSeconds(2.5), ct);
        var before = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var query in new[] { BasicSuccesses, PasswordFailures, InvalidTokens })
        {
            before[query] = await ValueAsync(client, query, ct);
        }

        using var first = await system.Admin.CreateUserAsync("scraped", ct);
        using var second = await system.Admin.CreateUserAsync("scraped", ct);
        await first.SignInAsync(ct);
        await second.SignInAsync(ct);
        using (var wrong = new SystemUser(system.Gateway, first.Name, "not-the-password"))
        using (var refused = await wrong.LoginAsync(ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var ping = await first.PingAsync(Topology.AtotiCube, "not-a-jwt", ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, ping.StatusCode);
        }

        Assert.True(await WaitForAsync(client, InvalidTokens, before[InvalidTokens] + 1, ct), "the refused ping was not counted");
        Assert.True(await WaitForAsync(client, BasicSuccesses, before[BasicSuccesses] + 2, ct), "the two logins were not counted");
        Assert.True(await WaitForAsync(client, PasswordFailures, before[PasswordFailures] + 1, ct), "the wrong password was not counted");

        // And no more than those, two scrapes later.
        await Task.Delay(TimeSpan.FromSeconds(2.5), ct);
        Assert.Equal(before[BasicSuccesses] + 2, await ValueAsync(client, BasicSuccesses, ct));
        Assert.Equal(before[PasswordFailures] + 1, await ValueAsync(client, PasswordFailures, ct));
        Assert.Equal(before[InvalidTokens] + 1, await ValueAsync(client, InvalidTokens, ct));
    }

    private static void EnsureImage()
    {
        if (DockerEnvironment.MissingImageReason(TestImages.Prometheus) is { } missing)
        {
            Assert.False(DockerEnvironment.ContainersRequired, $"Containers are required in this run (ATOTIAUTH_REQUIRE_CONTAINERS=1): {missing}");
            Assert.Skip(missing);
        }
    }

    private static async Task<bool> WaitForAsync(HttpClient client, string query, double expected, CancellationToken ct)
    {
        var until = DateTime.UtcNow + Patience;
        while (await ValueAsync(client, query, ct) < expected)
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(500, ct);
        }

        return true;
    }

    /// <summary>The query's one value; 0 when it has none (a counter never incremented has no series).</summary>
    private static async Task<double> ValueAsync(HttpClient client, string query, CancellationToken ct)
    {
        using var body = JsonDocument.Parse(await QueryAsync(client, query, ct));
        var result = body.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? 0 : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task<string> QueryAsync(HttpClient client, string query, CancellationToken ct)
    {
        using var response = await client.GetAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {text}");
        return text;
    }
}
