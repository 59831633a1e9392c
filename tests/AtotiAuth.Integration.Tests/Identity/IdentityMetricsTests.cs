using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// Issue 16's Prometheus endpoint on the identity service: the login counter by provider and outcome and
/// the refusal counter by code move with what happens, and the path is not served off the metrics port.
/// The instruments are per process, so these run alone (<see cref="MetricsTestGroup"/>).
/// </summary>
[Collection(nameof(MetricsTestGroup))]
public sealed partial class IdentityMetricsTests(RedisFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_LoginsAndRefusals_AreCountedByProviderOutcomeAndCode()
    {
        // Port 0: every port, as the in-process server has none (the images serve it on 9464 only).
        await using var app = new IdentityApp(redis, new Dictionary<string, string?>
        {
            ["AtotiAuth:Metrics:Port"] = "0",
            ["AtotiAuth:Identity:Throttling:MaxFailuresPerUserAndAddress"] = "2",
        });
        using var client = app.CreateClient();
        var before = await ScrapeAsync(client);

        using (await IdentityApp.LoginWithFormAsync(client, "admin", IdentityApp.AdminPassword)) { }
        using (var refused = await client.PostAsync(new Uri("/admin/users", UriKind.Relative), JsonContent.Create(new { userName = "x" }), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using (await IdentityApp.LoginWithFormAsync(client, "alice", "wrong-password")) { }
        }

        using (await client.PostAsync(new Uri("/logout", UriKind.Relative), null, Ct)) { }

        var after = await ScrapeAsync(client);
        Assert.Equal(1, Delta(before, after, "atotiauth_logins_total", "outcome=\"success\",provider=\"basic\""));
        Assert.Equal(2, Delta(before, after, "atotiauth_logins_total", "outcome=\"invalid\",provider=\"password\""));
        Assert.Equal(1, Delta(before, after, "atotiauth_logins_total", "outcome=\"locked\",provider=\"password\""));
        Assert.Equal(1, Delta(before, after, "atotiauth_lockouts_total", ""));
        Assert.Equal(1, Delta(before, after, "atotiauth_revocations_published_total", ""));
        Assert.Equal(1, Delta(before, after, "atotiauth_refusals_total", "code=\"cross_site_admin\""));
    }

    [Fact]
    public async Task Metrics_OffTheMetricsPort_AreNotServed()
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The increase of a series between two scrapes (a series absent before counts from 0).</summary>
    internal static double Delta(string before, string after, string name, string labels) => Value(after, name, labels) - Value(before, name, labels);

    private static double Value(string scrape, string name, string labels)
    {
        foreach (var line in scrape.Split('\n'))
        {
            var match = Series().Match(line);
            if (match.Success && match.Groups[1].Value == name && match.Groups[2].Value.Contains(labels, StringComparison.Ordinal))
            {
                return double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex("^([a-z_]+)(?:\\{([^}]*)\\})? ([0-9.eE+-]+)")]
    private static partial Regex Series();
}

/// <summary>Tests that read the process's instruments: run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(MetricsTestGroup), DisableParallelization = true)]
public sealed class MetricsTestGroup;
