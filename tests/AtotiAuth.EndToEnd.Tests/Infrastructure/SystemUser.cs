using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One user's client of the system through the gateway, with its own cookie jar: what a browser tab
/// does, spelled out in HTTP (the remote UI's flow, seed 002).
/// </summary>
internal sealed class SystemUser : IDisposable
{
    /// <summary>Atoti's ping path (REST v10), which the sidecars answer.</summary>
    public const string PingPath = "/activeviam/pivot/rest/v10/ping";

    private readonly Gateway _gateway;
    private readonly HttpClient _client;

    public SystemUser(Gateway gateway, string name, string password)
    {
        _gateway = gateway;
        Name = name;
        Password = password;
        _client = gateway.CreateClient(Cookies);
    }

    public string Name { get; }

    public string Password { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client => _client;

    /// <summary>A basic login as a script does it (<c>Authorization: Basic</c>), returning to the remote UI.</summary>
    public async Task<HttpResponseMessage> LoginAsync(CancellationToken cancellationToken)
    {
        var redirect = Uri.EscapeDataString(_gateway.Ui.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_gateway.Auth, $"/login?redirectUrl={redirect}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Name}:{Password}")));
        return await _client.SendAsync(request, cancellationToken);
    }

    /// <summary>Logs in (a redirect back to the remote UI is expected) and returns the session's JWT.</summary>
    public async Task<string> SignInAsync(CancellationToken cancellationToken)
    {
        using (var login = await LoginAsync(cancellationToken))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        return await GetJwtAsync(cancellationToken);
    }

    /// <summary><c>GET /jwt</c> with the session cookie, as the UI's fetch with credentials does.</summary>
    public async Task<HttpResponseMessage> RequestJwtAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_gateway.Auth, "/jwt"));
        request.Headers.Add("Origin", Topology.UiOrigin);
        return await _client.SendAsync(request, cancellationToken);
    }

    /// <summary>The JWT from <c>/jwt</c>; fails the test unless it answers 200.</summary>
    public async Task<string> GetJwtAsync(CancellationToken cancellationToken)
    {
        using var response = await RequestJwtAsync(cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>A cube's ping with the JWT; on success the cube's cookie lands in the jar.</summary>
    public async Task<HttpResponseMessage> PingAsync(string cube, string jwt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_gateway.Cube(cube), PingPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        request.Headers.Add("Origin", Topology.UiOrigin);
        return await _client.SendAsync(request, cancellationToken);
    }

    /// <summary>A REST call to a cube, proxied by its sidecar.</summary>
    public async Task<HttpResponseMessage> CallCubeAsync(string cube, string path, string? jwt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_gateway.Cube(cube), path));
        if (jwt is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        }

        return await _client.SendAsync(request, cancellationToken);
    }

    /// <summary>The cube's WebSocket, authenticated by the cookie ping set, opened from the remote UI's origin.</summary>
    public Task<GatewaySocket> OpenCubeSocketAsync(string cube, CancellationToken cancellationToken)
        => _gateway.ConnectWebSocketAsync(new Uri($"wss://{cube}.{_gateway.Domain}{Topology.StreamPath(cube)}"), Cookies, Topology.UiOrigin, cancellationToken);

    /// <summary>The UI's logout: <c>POST /logout</c> to each cube, then the JWT server's <c>/logout</c>.</summary>
    public async Task<HttpResponseMessage> LogoutAsync(CancellationToken cancellationToken)
    {
        foreach (var (cube, _) in Topology.Cubes)
        {
            using var cubeLogout = new HttpRequestMessage(HttpMethod.Post, new Uri(_gateway.Cube(cube), "/logout"));
            cubeLogout.Headers.Add("Origin", Topology.UiOrigin);
            using var answer = await _client.SendAsync(cubeLogout, cancellationToken);
            Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_gateway.Auth, "/logout"));
        request.Headers.Add("Origin", Topology.UiOrigin);
        return await _client.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _client.Dispose();
}
