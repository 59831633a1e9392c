using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AtotiAuth.Ping;

namespace AtotiAuth.Integration.Tests.Ping;

/// <summary>Requests the UI makes to a sidecar, and what tests read from the answers.</summary>
public static class SidecarCalls
{
    public static async Task<HttpResponseMessage> PingAsync(HttpClient http, KestrelHost<PingServiceMarker> sidecar, string? authorization, string path = "/activeviam/pivot/rest/v10/ping")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sidecar.Address, path));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, Uri uri, string? bearer = null, string? cookie = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A WebSocket handshake a refusal can be read from (status and problem body): a browser's upgrade
    /// request sent as plain HTTP. Only for handshakes expected to be refused; an accepted one is a 101.
    /// </summary>
    public static async Task<HttpResponseMessage> HandshakeAsync(HttpClient http, Uri uri, string? cookie, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The <c>Set-Cookie</c> header for <paramref name="name"/>, or null.</summary>
    public static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;

    /// <summary><c>name=value</c> from a <c>Set-Cookie</c> header, as a browser sends it back.</summary>
    public static string CookiePair(string setCookie) => setCookie.Split(';')[0];

    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
