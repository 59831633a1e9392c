using System.Text.Json.Nodes;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Testing;
using AtotiAuth.Token;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Integration.Tests.Token;

/// <summary>
/// The token service composed exactly as its Program.cs does, started directly (not through
/// WebApplicationFactory, which may report a failed start as a disposed provider under load).
/// </summary>
public sealed class StartupTests(RedisFixture redis) : IDisposable
{
    private readonly TestKeyDirectory _keys = new();

    public void Dispose() => _keys.Dispose();

    [Theory]
    [InlineData("AtotiAuth:Token:Issuer", "", "AtotiAuth:Token:Issuer")]
    [InlineData("AtotiAuth:Token:Signing:KeyDirectory", "", "AtotiAuth:Token:Signing:KeyDirectory")]
    [InlineData("AtotiAuth:Token:Signing:KeyDirectory", "/nonexistent/keys", "AtotiAuth:Token:Signing:KeyDirectory")]
    [InlineData("AtotiAuth:Token:Signing:Algorithm", "HS256", "AtotiAuth:Token:Signing:Algorithm")]
    [InlineData("AtotiAuth:Token:Lifetime", "13:00:00", "AtotiAuth:Token:Lifetime")]
    [InlineData("AtotiAuth:Cors:AllowedOrigins:0", "*", "AtotiAuth:Cors:AllowedOrigins:0")]
    public async Task TokenService_BadSetting_RefusesToStartNamingIt(string key, string value, string named)
    {
        _keys.AddRsaPem("k1");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(new() { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenService_WeakKey_RefusesToStartNamingTheFile()
    {
        _keys.AddRsaPem("weak", bits: 1024);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync([]));

        Assert.Contains("weak.pem", error.Message, StringComparison.Ordinal);
        Assert.Contains("AtotiAuth:Token:Signing:KeyDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenService_GoodSettings_StartsAndPublishesItsKey()
    {
        _keys.AddRsaPem("k1");

        var jwks = await StartAsync([]);

        Assert.Equal("k1", (string?)Assert.Single(JsonNode.Parse(jwks)!["keys"]!.AsArray())!["kid"]);
    }

    /// <summary>Starts the service, returns its JWKS document, and stops it.</summary>
    private async Task<string> StartAsync(Dictionary<string, string?> overrides)
    {
        redis.EnsureAvailable();
        var settings = new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = redis.ConnectionString,
            ["AtotiAuth:Token:Issuer"] = "https://auth.example.com",
            ["AtotiAuth:Token:Signing:KeyDirectory"] = _keys.Path,
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddTokenService();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapTokenEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = app.GetTestClient();
        var jwks = await client.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative), TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
        return jwks;
    }
}
