using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AtotiAuth.Testcontainers.Tests.Kerberos;

/// <summary><c>GET /login</c> as Kerberos clients send it: <c>Host</c> names the service principal's host, the connection goes to the mapped port.</summary>
public static class KerberosHttp
{
    public const string ServiceHost = "auth.example.test";

    /// <summary>A client that keeps one connection (for the exchange's legs) and no cookies, redirects or credentials of its own.</summary>
    public static HttpClient Client(NetworkCredential? credential = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 1, Credentials = credential });

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, Uri identity, byte[]? token = null, string? accept = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(identity, "/login?redirectUrl=%2Fui%2F"));
        request.Headers.Host = ServiceHost;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Negotiate", Convert.ToBase64String(token));
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    /// <summary>The token of <c>WWW-Authenticate: Negotiate &lt;token&gt;</c>, or null.</summary>
    public static byte[]? ServerToken(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault(static c => c.Scheme == "Negotiate" && !string.IsNullOrEmpty(c.Parameter));
        return challenge is null ? null : Convert.FromBase64String(challenge.Parameter!);
    }

    /// <summary>The session cookie's value from a successful login, or null.</summary>
    public static AtotiAuthSession? Session(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var pair = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(static v => v.Split(';')[0]).FirstOrDefault(static v => v.StartsWith("ATOTIAUTH_SESSION=", StringComparison.Ordinal))
            : null;
        return pair is null ? null : new AtotiAuthSession("ATOTIAUTH_SESSION", pair["ATOTIAUTH_SESSION=".Length..]);
    }

    /// <summary>Status and stable code of a refusal (the problem's <c>code</c>).</summary>
    public static async Task<(HttpStatusCode Status, string? Code)> RefusalAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(body);
        return (response.StatusCode, json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null);
    }
}
