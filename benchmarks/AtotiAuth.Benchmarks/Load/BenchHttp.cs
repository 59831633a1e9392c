using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>The harness's own HTTP client (no cookie jar, no redirects) and the few calls it makes to set scenarios up.</summary>
internal static class BenchHttp
{
    public static HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = 256,
    })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static string SessionCookieName { get; } = new SessionOptions().CookieName;

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>A password login through the identity service (one hash); returns the session cookie as <c>name=value</c>.</summary>
    public static async Task<string> LoginAsync(Uri identity, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(identity, "/login"));
        request.Headers.Authorization = Basic(user, password);
        using var response = await Client.SendAsync(request);
        Expect(response, HttpStatusCode.Found, "POST /login (Basic)");
        var prefix = SessionCookieName + "=";
        var setCookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(prefix, StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }

    /// <summary>A JWT from the token service for the session.</summary>
    public static async Task<string> JwtAsync(Uri tokenService, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(tokenService, "/jwt"));
        request.Headers.Add("Cookie", cookie);
        using var response = await Client.SendAsync(request);
        Expect(response, HttpStatusCode.OK, "GET /jwt");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return (root.TryGetProperty("token", out var value) ? value : root.GetProperty("data").GetProperty("token")).GetString()!;
    }

    /// <summary>The status one request gets: each scenario checks its expected answer before it is loaded.</summary>
    public static async Task<HttpStatusCode> StatusAsync(WrkRequest wrk)
    {
        using var request = new HttpRequestMessage(new HttpMethod(wrk.Method), wrk.Url);
        foreach (var (name, value) in wrk.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (wrk.Body is not null)
        {
            request.Content = new StringContent(wrk.Body, Encoding.UTF8, wrk.ContentType ?? "text/plain");
        }

        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    public static void Expect(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}, expected {(int)expected}.");
        }
    }
}
