using System.Net;
using System.Text.Json;
using AtotiAuth.EndToEnd.Tests.Infrastructure;

namespace AtotiAuth.EndToEnd.Tests.Http;

/// <summary>
/// The gateway routes the JWT server's paths like the Kubernetes Ingress, and the identity service
/// trusts its forwarded headers (and no one else's): it then knows its public origin is HTTPS.
/// </summary>
public sealed class GatewayRoutingTests(EndToEndSystem system)
{
    [Theory]
    [InlineData("/.well-known/jwks.json")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task WellKnownPaths_OnTheJwtServer_AreTheTokenServices(string path)
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var client = system.Gateway.CreateClient();
        using var response = await client.GetAsync(new Uri(system.Gateway.Auth, path), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        if (path.EndsWith("jwks.json", StringComparison.Ordinal))
        {
            Assert.NotEqual(0, body.GetProperty("keys").GetArrayLength());
        }
        else
        {
            Assert.Equal(Topology.AuthOrigin, body.GetProperty("issuer").GetString());
        }
    }

    /// <summary>Issue 22: the gateway sent <c>/versions</c> to identity, which answered 404.</summary>
    [Fact]
    public async Task VersionsRest_OnTheJwtServer_IsTheTokenServicesDocument()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var client = system.Gateway.CreateClient();
        using var response = await client.GetAsync(new Uri(system.Gateway.Auth, "/versions/rest"), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var apis = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("apis");
        Assert.Equal("/activeviam/jwt/rest/v3", apis.GetProperty("jwt").GetProperty("versions")[0].GetProperty("restPath").GetString());
    }

    [Fact]
    public async Task AtotiTokenPath_WithoutSession_IsTheTokenServicesBare401()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var client = system.Gateway.CreateClient();
        using var response = await client.GetAsync(new Uri(system.Gateway.Auth, "/activeviam/jwt/rest/v3/token"), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(response.Headers.WwwAuthenticate, static h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task LoginPage_OnTheJwtServer_IsTheIdentityServicesWithItsProviders()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var client = system.Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(system.Gateway.Auth, "/login"));
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, ct);

        // Kerberos is on: the form comes with a 401 offering Negotiate, which the gateway passes on.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, static h => h.Scheme == "Negotiate");
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("id=\"username\"", html, StringComparison.Ordinal);
        Assert.Contains($"/oauth2/authorization/{Topology.OidcProviderId}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OidcStart_ThroughTheGateway_SendsTheBrowserToTheProviderWithThePublicRedirectUri()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var client = system.Gateway.CreateClient();
        using var response = await client.GetAsync(new Uri(system.Gateway.Auth, $"/oauth2/authorization/{Topology.OidcProviderId}"), ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(new Uri(Topology.IdpOrigin).Host, location.Host);
        var redirectUri = Uri.EscapeDataString($"{Topology.AuthOrigin}/login/oauth2/code/{Topology.OidcProviderId}");
        Assert.Contains($"redirect_uri={redirectUri}", location.Query, StringComparison.Ordinal);
    }

    /// <summary>
    /// The logout rule accepts a post from the service's own origin. Behind the TLS-terminating gateway
    /// that origin is only known to be <c>https://auth…</c> from the gateway's <c>X-Forwarded-Proto</c>.
    /// </summary>
    [Fact]
    public async Task LogoutPost_FromTheJwtServersOwnOrigin_IsAcceptedThroughTheGateway()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var client = system.Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.Gateway.Auth, "/logout"));
        request.Headers.Add("Origin", Topology.AuthOrigin);
        using var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The same headers sent straight to a replica, by someone who is not the gateway, are ignored.</summary>
    [Fact]
    public async Task LogoutPost_WithForwardedHeadersFromAnUnknownAddress_IsRefusedAsCrossSite()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        var replica = system.Container(Topology.IdentityReplicas[1]);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{replica.Hostname}:{replica.GetMappedPublicPort(8080)}/logout"));
        request.Headers.Host = $"auth.{Topology.Domain}";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", $"auth.{Topology.Domain}");
        request.Headers.Add("Origin", Topology.AuthOrigin);
        using var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("cross_site_logout", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
