using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AtotiAuth.AppHost;
using AtotiAuth.Testing;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace AtotiAuth.AppHost.Tests;

/// <summary>
/// Issue 16: the system <c>./scripts/run.sh --system</c> starts (apphost/), started whole through
/// Aspire.Hosting.Testing: a sign-in through the gateway, <c>/jwt</c>, ping on both cubes (the Atoti
/// stand-in behind its sidecar and the header cube behind its own), and a logout that both sidecars
/// feel. One test, one start (about a minute on the 2-core CI machine).
/// </summary>
public sealed class LocalSystemTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly string[] Services = ["redis", "ldap", "oidc", "token-1", "token-2", "identity-1", "identity-2", "cube1", "cube2", "ping-1", "ping-2", "gateway"];

    [Fact]
    public async Task LocalSystem_SignInJwtPingBothCubesLogout_WorksThroughTheGateway()
    {
        EnsureImages();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        var ct = timeout.Token;

        // The fixed ports of SystemPorts, as run.sh gets them: the OpenID provider's client knows the gateway's.
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AtotiAuth_AppHost>(["DcpPublisher:RandomizePorts=false"], ct);
        await using var app = await appHost.BuildAsync(ct);
        await app.StartAsync(ct);
        foreach (var name in Services)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, ct);
        }

        var gateway = app.GetEndpoint("gateway", "http");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = gateway };
        using var login = new HttpRequestMessage(HttpMethod.Post, "/login");
        login.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SystemModel.DemoUser}:{SystemModel.DemoPassword}")));
        using (var signedIn = await browser.SendAsync(login, ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var token = await JwtAsync(browser, ct);
        var cubes = new[] { app.GetEndpoint("ping-1", "http"), app.GetEndpoint("ping-2", "http") };
        foreach (var cube in cubes)
        {
            using var pong = await PingAsync(cube, token, ct);
            Assert.Equal(HttpStatusCode.OK, pong.StatusCode);
            Assert.Equal("pong", await pong.Content.ReadAsStringAsync(ct));
        }

        using (var logout = await browser.PostAsync(new Uri("/logout", UriKind.Relative), null, ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using (var after = await browser.GetAsync(new Uri("/jwt", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        // The revocation reaches each sidecar over Redis pub/sub: within milliseconds, waited for up to 10 s.
        foreach (var cube in cubes)
        {
            var refused = await RefusedWithinAsync(cube, token, TimeSpan.FromSeconds(10), ct);
            Assert.True(refused, $"the sidecar at {cube} still accepts the token of the ended session");
        }
    }

    private static async Task<string> JwtAsync(HttpClient browser, CancellationToken ct)
    {
        using var response = await browser.GetAsync(new Uri("/jwt", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    private static async Task<HttpResponseMessage> PingAsync(Uri cube, string token, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = cube };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/activeviam/pivot/rest/v10/ping");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, ct);
    }

    private static async Task<bool> RefusedWithinAsync(Uri cube, string token, TimeSpan within, CancellationToken ct)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await PingAsync(cube, token, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return (await response.Content.ReadAsStringAsync(ct)).Contains("\"code\":\"session_revoked\"", StringComparison.Ordinal);
            }

            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>Skips (fails in CI) with the script to run when Docker or an image is missing.</summary>
    private static void EnsureImages()
    {
        var missing = LocalImages.Missing();
        var reason = DockerEnvironment.UnavailableReason() ?? (missing.Count > 0 ? missing[0] : null);
        if (reason is null)
        {
            return;
        }

        Assert.False(DockerEnvironment.ContainersRequired, $"Containers are required in this run (ATOTIAUTH_REQUIRE_CONTAINERS=1): {reason}");
        Assert.Skip(reason);
    }
}
