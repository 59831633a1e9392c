using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>
/// The redirect URI sent to the provider: <c>{PublicBaseUrl}/login/oauth2/code/{id}</c> when configured;
/// otherwise from the request, where <c>X-Forwarded-Proto/-Host</c> count only from a known proxy.
/// </summary>
[Collection(nameof(OidcLoginTests))]
public sealed class OidcRedirectUriTests(RedisFixture redis, OidcProviderFixture oidc)
{
    private static readonly Dictionary<string, string> Forwarded = new()
    {
        ["X-Forwarded-For"] = "203.0.113.7",
        ["X-Forwarded-Proto"] = "https",
        ["X-Forwarded-Host"] = "auth.example.com",
    };

    [Fact]
    public async Task Start_PublicBaseUrl_RedirectUriOnIt()
    {
        await using var host = await StartAsync(new() { ["AtotiAuth:Identity:Oidc:PublicBaseUrl"] = "https://auth.example.com" });

        Assert.Equal("https://auth.example.com/login/oauth2/code/oidc", await RedirectUriAsync(host, Forwarded));
    }

    [Fact]
    public async Task Start_ForwardedHeadersFromKnownProxy_Honoured()
    {
        await using var host = await StartAsync(new() { ["AtotiAuth:Identity:Oidc:KnownProxies:0"] = "127.0.0.1" });

        Assert.Equal("https://auth.example.com/login/oauth2/code/oidc", await RedirectUriAsync(host, Forwarded));
    }

    [Fact]
    public async Task Start_ForwardedHeadersFromUnknownAddress_Ignored()
    {
        await using var host = await StartAsync(new() { ["AtotiAuth:Identity:Oidc:KnownProxies:0"] = "10.9.8.7" });

        Assert.Equal(host.Url("/login/oauth2/code/oidc").ToString(), await RedirectUriAsync(host, Forwarded));
    }

    [Fact]
    public async Task Start_ForwardedHeadersWithoutKnownProxies_Ignored()
    {
        await using var host = await StartAsync([]);

        Assert.Equal(host.Url("/login/oauth2/code/oidc").ToString(), await RedirectUriAsync(host, Forwarded));
    }

    private Task<OidcTestHost> StartAsync(Dictionary<string, string?> extra) => new OidcLoginTests(redis, oidc).StartAsync(extra: extra);

    private static async Task<string?> RedirectUriAsync(OidcTestHost host, Dictionary<string, string> headers)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, host.Url("/oauth2/authorization/oidc"));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.NotNull(response.Headers.Location);
        return System.Web.HttpUtility.ParseQueryString(response.Headers.Location.Query)["redirect_uri"];
    }
}
