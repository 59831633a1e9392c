using System.Net;
using System.Text.Json;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Token;

public sealed class CorsAndDiscoveryTests(RedisFixture redis) : TokenServiceTestBase(redis)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Jwt_ListedOrigin_GetsCredentialedCorsHeaders()
    {
        var service = StartTokenService();
        var (_, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var client = service.CreateRealClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/jwt");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", TokenServiceFactory.AllowedOrigin);

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TokenServiceFactory.AllowedOrigin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("https://ui.example.com.evil.com")]
    [InlineData("http://ui.example.com")]
    [InlineData("null")]
    public async Task Jwt_UnlistedOrigin_GetsNoCorsHeaders(string origin)
    {
        var service = StartTokenService();
        var (_, cookie) = await service.LogInAsync("alice", "ROLE_USER");
        using var client = service.CreateRealClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/jwt");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", origin);

        using var response = await client.SendAsync(request, Cancel);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Preflight_ListedOrigin_IsAllowedWithCredentials()
    {
        var service = StartTokenService();
        using var client = service.CreateRealClient();

        using var response = await client.SendAsync(Preflight(TokenServiceFactory.AllowedOrigin), Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(TokenServiceFactory.AllowedOrigin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("GET", Single(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_UnlistedOrigin_IsRefused()
    {
        var service = StartTokenService();
        using var client = service.CreateRealClient();

        using var response = await client.SendAsync(Preflight("https://evil.example.com"), Cancel);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Jwks_Served_WithCacheHeadersAndNotModified()
    {
        var service = StartTokenService();
        using var client = service.CreateRealClient();

        using var response = await client.GetAsync("/.well-known/jwks.json", Cancel);
        var etag = response.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks.json");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl?.MaxAge);
        using var jwks = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("k1", key.GetProperty("kid").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Discovery_Served_NamesIssuerAndJwks()
    {
        var service = StartTokenService();
        using var client = service.CreateRealClient();

        using var response = await client.GetAsync("/.well-known/openid-configuration", Cancel);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(service.Url, document.RootElement.GetProperty("issuer").GetString());
        Assert.Equal($"{service.Url}/.well-known/jwks.json", document.RootElement.GetProperty("jwks_uri").GetString());
        Assert.Equal("RS512", document.RootElement.GetProperty("id_token_signing_alg_values_supported")[0].GetString());
        Assert.NotNull(response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Versions_Served_ListsJwtApi()
    {
        var service = StartTokenService();
        using var client = service.CreateRealClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/versions/rest", Cancel));

        var version = document.RootElement.GetProperty("apis").GetProperty("jwt").GetProperty("versions")[0];
        Assert.Equal("/activeviam/jwt/rest/v3", version.GetProperty("restPath").GetString());
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/jwt");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        return request;
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.GetValues(header));
}
