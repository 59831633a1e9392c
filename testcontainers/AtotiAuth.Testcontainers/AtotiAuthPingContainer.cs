namespace AtotiAuth.Testcontainers;

/// <summary>A ping sidecar: the cube's front door (ping, the cube cookie, the authenticating proxy).</summary>
public sealed class AtotiAuthPingContainer : AtotiAuthContainer
{
    /// <summary>Initializes the container from its configuration.</summary>
    /// <param name="configuration">The container configuration.</param>
    public AtotiAuthPingContainer(AtotiAuthPingConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>The cube id sealed into this sidecar's cookie.</summary>
    public string CubeId => GetSetting("AtotiAuth__Ping__CubeId") ?? string.Empty;

    /// <summary>The cube cookie's name.</summary>
    public string CookieName => GetSetting("AtotiAuth__Ping__CookieName") ?? AtotiAuthHttp.DefaultCubeCookie;

    /// <summary>Calls Atoti's ping (<c>/activeviam/pivot/rest/v10/ping</c>) with the JWT and returns the cube cookie as <c>name=value</c>.</summary>
    /// <param name="jwt">A JWT from the token service.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="HttpRequestException">Ping refused: 401 (bad or revoked token) or 403 (a role is missing).</exception>
    public Task<string> PingAsync(string jwt, CancellationToken cancellationToken = default) =>
        AtotiAuthHttp.PingAsync(GetBaseAddress(), CookieName, jwt, cancellationToken);

    /// <summary>
    /// Pings with the JWT and returns a client for the cube behind the sidecar, as the Atoti UI calls it:
    /// the JWT on every request (REST), and the cookies ping set (for WebSocket handshakes, which is all
    /// the cube cookie authenticates). Base address: the sidecar as the host reaches it. Dispose it.
    /// </summary>
    /// <param name="jwt">A JWT from the token service.</param>
    /// <param name="cancellationToken">Cancels the ping.</param>
    public async Task<HttpClient> CreateClientAsync(string jwt, CancellationToken cancellationToken = default)
    {
        var cookie = await PingAsync(jwt, cancellationToken).ConfigureAwait(false);
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = GetBaseAddress() };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", jwt);
        return client;
    }
}
