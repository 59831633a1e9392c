using System.Net;
using AtotiAuth.Identity;
using AtotiAuth.Testing;
using AtotiAuth.Token;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>
/// The identity service on real Kestrel (0.0.0.0, so the provider's container can call its back-channel
/// logout) and the token service in memory, both on the same Redis and key prefix.
/// </summary>
public sealed class OidcTestHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<IdentityServiceMarker> _identity;
    private readonly WebApplicationFactory<TokenServiceMarker> _token;
    private readonly List<string> _logoutTokens = [];

    public OidcTestHost(RedisFixture redis, int port, IDictionary<string, string?> settings, Func<string, string>? rewriteIdToken = null, Action<IServiceCollection>? services = null)
    {
        Port = port;
        var prefix = $"oidc-test-{Guid.NewGuid():N}:";
        var common = new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = redis.ConnectionString,
            ["AtotiAuth:Store:KeyPrefix"] = prefix,
        };
        var identity = new Dictionary<string, string?>(common)
        {
            ["AtotiAuth:Identity:Cookie:Secure"] = "false",
            ["AtotiAuth:Identity:Oidc:AllowInsecureHttp"] = "true",
            ["AtotiAuth:Identity:Users:0:Name"] = "root",
            ["AtotiAuth:Identity:Users:0:Password"] = "root-password-123",
            ["AtotiAuth:Identity:Users:0:Roles:0"] = "ROLE_ADMIN",
        };
        foreach (var (key, value) in settings)
        {
            identity[key] = value;
        }

        _identity = new WebApplicationFactory<IdentityServiceMarker>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in identity)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(testServices =>
            {
                testServices.AddSingleton<IStartupFilter>(new LogoutTokenRecorder(_logoutTokens));
                if (rewriteIdToken is not null)
                {
                    testServices.AddHttpClient("AtotiAuth.Oidc").AddHttpMessageHandler(() => new IdTokenRewritingHandler(rewriteIdToken));
                }

                services?.Invoke(testServices);
            });
        });
        _identity.UseKestrel(k => k.Listen(IPAddress.Any, port));
        _identity.StartServer();

        _token = new WebApplicationFactory<TokenServiceMarker>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in common)
            {
                b.UseSetting(key, value);
            }

            b.UseSetting("AtotiAuth:Token:Issuer", $"http://127.0.0.1:{port}");
            b.UseSetting("AtotiAuth:Token:Signing:GenerateEphemeralKey", "true");
        });
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Logout tokens the provider posted to us, as received.</summary>
    public IReadOnlyList<string> LogoutTokens
    {
        get
        {
            lock (_logoutTokens)
            {
                return [.. _logoutTokens];
            }
        }
    }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    /// <summary>
    /// GET /jwt until it answers other than <c>200</c>, for at most 2 s: a revocation made by the identity
    /// service reaches the token service's session cache over Redis pub/sub, within milliseconds but not
    /// necessarily before the next request.
    /// </summary>
    public async Task<HttpStatusCode> JwtOnceRevokedAsync(OidcBrowser browser)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            status = (await JwtAsync(browser)).Status;
        }

        return status;
    }

    /// <summary>GET /jwt on the token service with the browser's session cookie for the identity service.</summary>
    public async Task<(HttpStatusCode Status, string Body)> JwtAsync(OidcBrowser browser)
    {
        using var client = _token.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/jwt");
        var cookies = browser.Cookies.GetCookieHeader(BaseUrl);
        if (!string.IsNullOrEmpty(cookies))
        {
            request.Headers.Add("Cookie", cookies);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public HttpClient CreateAdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String("root:root-password-123"u8.ToArray()));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _identity.DisposeAsync();
        await _token.DisposeAsync();
    }
}
