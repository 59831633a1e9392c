using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AtotiAuth.Identity;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// The identity service against the real Redis, under a key prefix of its own, with seeded users:
/// <c>alice</c> (ROLE_USER), <c>admin</c> (ROLE_USER, ROLE_ADMIN). Clients speak HTTPS to it (the
/// cookies are Secure), keep cookies, and do not follow redirects, so tests see every 302.
/// </summary>
public sealed partial class IdentityApp : IAsyncDisposable
{
    /// <summary>
    /// A request header that sets the client's address, as a connection from that address would: the test
    /// server has no sockets, and throttling keys on the address (test hosts only, see <see cref="ClientAddressFilter"/>).
    /// </summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public const string AlicePassword = "alice-Pa55word!";
    public const string AdminPassword = "admin-Pa55word!";
    public static readonly Uri BaseAddress = new("https://auth.example.test");

    private readonly WebApplicationFactory<IdentityServiceMarker> _factory;

    public IdentityApp(RedisFixture redis, IReadOnlyDictionary<string, string?>? settings = null, string? keyPrefix = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        redis.EnsureAvailable();
        KeyPrefix = keyPrefix ?? $"test-identity-{Guid.NewGuid():N}:";
        Settings = new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = redis.ConnectionString,
            ["AtotiAuth:Store:KeyPrefix"] = KeyPrefix,
            ["AtotiAuth:Identity:AllowedRedirectOrigins:0"] = "https://ui.example.test",
            ["AtotiAuth:Identity:Users:0:Name"] = "alice",
            ["AtotiAuth:Identity:Users:0:Password"] = AlicePassword,
            ["AtotiAuth:Identity:Users:1:Name"] = "admin",
            ["AtotiAuth:Identity:Users:1:Password"] = AdminPassword,
            ["AtotiAuth:Identity:Users:1:Roles:0"] = "ROLE_ADMIN",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }

        _factory = new WebApplicationFactory<IdentityServiceMarker>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in Settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(testServices =>
            {
                testServices.AddSingleton<IStartupFilter, ClientAddressFilter>();
                services?.Invoke(testServices);
            });
        });
    }

    public string KeyPrefix { get; }

    public Dictionary<string, string?> Settings { get; }

    public IServiceProvider Services => _factory.Services;

    public T Get<T>()
        where T : notnull => _factory.Services.GetRequiredService<T>();

    public HttpClient CreateClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = BaseAddress,
        HandleCookies = true,
    });

    /// <summary>Logs in through the HTML form, as a browser does: GET the page, POST it back with its token.</summary>
    public static async Task<HttpResponseMessage> LoginWithFormAsync(HttpClient client, string userName, string password, string? redirectUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri("/login" + (redirectUrl is null ? "" : "?redirectUrl=" + Uri.EscapeDataString(redirectUrl)), UriKind.Relative));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["username"] = userName,
            ["password"] = password,
        };
        var hidden = HiddenRedirect().Match(page);
        if (hidden.Success)
        {
            fields["redirectUrl"] = WebUtility.HtmlDecode(hidden.Groups[1].Value);
        }

        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/login", UriKind.Relative), form);
    }

    public static string AntiforgeryToken(string page)
    {
        var match = TokenField().Match(page);
        Assert.True(match.Success, "the login page has no antiforgery field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static AuthenticationHeaderValue Basic(string userName, string password)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));

    /// <summary>The session cookie's Set-Cookie header, or null.</summary>
    public static string? SessionSetCookie(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(static v => v.StartsWith("ATOTIAUTH_SESSION=", StringComparison.Ordinal))
            : null;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    /// <summary>Sets <c>RemoteIpAddress</c> from <see cref="ClientAddressHeader"/> when a test sends it.</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
            => app =>
            {
                app.Use(static (context, nextMiddleware) =>
                {
                    if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }

                    return nextMiddleware(context);
                });
                next(app);
            };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"redirectUrl\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenRedirect();
}
