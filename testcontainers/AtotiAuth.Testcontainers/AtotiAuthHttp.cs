using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// The calls a script makes to AtotiAuth (docs/identity.md, services/ping/README.md): Basic
/// <c>POST /login</c>, <c>GET /jwt</c> with the session cookie, <c>POST /logout</c>, <c>ping</c>
/// with the JWT. Cookies are read from and written to headers by hand: the containers speak plain
/// HTTP, where a cookie container would hold back a <c>Secure</c> cookie.
/// </summary>
internal static class AtotiAuthHttp
{
    /// <summary>The identity service's default session cookie (<c>AtotiAuth:Session:CookieName</c>).</summary>
    public const string DefaultSessionCookie = "ATOTIAUTH_SESSION";

    /// <summary>The ping sidecar's default cube cookie (<c>AtotiAuth:Ping:CookieName</c>).</summary>
    public const string DefaultCubeCookie = "ATOTI_CUBE";

    /// <summary>Atoti's ping path, which the sidecar answers.</summary>
    public const string PingPath = "/activeviam/pivot/rest/v10/ping";

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<AtotiAuthSession> LoginAsync(Uri identity, string cookieName, string userName, string password, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(identity, "/login"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        using var response = await Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var value = SetCookieValue(response, cookieName);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.OK) || value is null)
        {
            throw new HttpRequestException($"Login of '{userName}' at {identity} was refused: {(int)response.StatusCode} {await ProblemCodeAsync(response, cancellationToken).ConfigureAwait(false)}", null, response.StatusCode);
        }

        return new AtotiAuthSession(cookieName, value);
    }

    public static async Task<AtotiAuthSession> LoginWithKerberosAsync(AtotiAuthContainer container, string principal, string password, CancellationToken cancellationToken)
    {
        var servicePrincipal = container.GetSetting(KerberosKeytabDirectory.ServicePrincipalSetting)
            ?? throw new InvalidOperationException("The Kerberos provider is off: build the container with WithKerberos.");
        var serviceHost = servicePrincipal.Split('@')[0].Split('/')[^1];
        var identity = container.GetBaseAddress();
        var cookieName = container.GetSetting("AtotiAuth__Session__CookieName") ?? DefaultSessionCookie;
        var credential = new NetworkCredential(principal, password);

        // Credentials belong to a handler: one per login, so no other call of the process uses them.
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, Credentials = credential })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(identity, "/login"));

        // .NET asks for HTTP/<Host header> when one is set (the port left out), else for the URL's host.
        request.Headers.Host = serviceHost;
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var value = SetCookieValue(response, cookieName);
        if (response.StatusCode != HttpStatusCode.Redirect || value is null)
        {
            throw new HttpRequestException($"Kerberos login of '{credential.UserName}' at {identity} was refused: {(int)response.StatusCode} {await ProblemCodeAsync(response, cancellationToken).ConfigureAwait(false)}", null, response.StatusCode);
        }

        return new AtotiAuthSession(cookieName, value);
    }

    public static async Task<string> GetJwtAsync(Uri token, AtotiAuthSession session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(token, "/jwt"));
        request.Headers.Add("Cookie", session.CookieHeader);
        using var response = await Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET /jwt at {token} answered {(int)response.StatusCode} {await ProblemCodeAsync(response, cancellationToken).ConfigureAwait(false)}", null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return body.GetProperty("token").GetString() ?? throw new InvalidOperationException($"GET /jwt at {token} returned no token.");
    }

    public static async Task LogoutAsync(Uri identity, AtotiAuthSession session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(identity, "/logout"));
        request.Headers.Add("Cookie", session.CookieHeader);
        using var response = await Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode >= 400)
        {
            throw new HttpRequestException($"POST /logout at {identity} answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }

    public static async Task<string> PingAsync(Uri sidecar, string cookieName, string jwt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sidecar, PingPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        using var response = await Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var value = SetCookieValue(response, cookieName);
        if (response.StatusCode != HttpStatusCode.OK || value is null)
        {
            throw new HttpRequestException($"ping at {sidecar} answered {(int)response.StatusCode} {await ProblemCodeAsync(response, cancellationToken).ConfigureAwait(false)}", null, response.StatusCode);
        }

        return $"{cookieName}={value}";
    }

    /// <summary>Puts seed data through the admin API with HTTP Basic as an admin.</summary>
    public static async Task PutAsync(Uri identity, string path, object body, string adminName, string adminPassword, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(identity, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{adminName}:{adminPassword}")));
        using var response = await Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {path} at {identity} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    private static string? SetCookieValue(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return null;
        }

        var prefix = name + "=";
        var pair = values.Select(static v => v.Split(';')[0].Trim()).FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal));
        return pair is null || pair.Length == prefix.Length ? null : pair[prefix.Length..];
    }

    private static async Task<string> ProblemCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("code", out var code) ? $"({code.GetString()})" : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
