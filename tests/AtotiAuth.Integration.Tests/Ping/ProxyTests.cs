using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using AtotiAuth.Samples.Cube.Identity;

namespace AtotiAuth.Integration.Tests.Ping;

public sealed class ProxyTests(PingDeploymentFixture fixture) : IClassFixture<PingDeploymentFixture>
{
    private static readonly Dictionary<string, string> Spoofed = new()
    {
        ["X-AtotiAuth-User"] = "admin",
        ["X-AtotiAuth-Roles"] = "ROLE_ADMIN",
        ["x-atotiauth-session"] = "someone-else",
        ["X-AtotiAuth-Extra"] = "anything",
        ["X_AtotiAuth_User"] = "admin",
        ["X-AtotiAuth_Roles"] = "ROLE_ADMIN",
        ["X-Forwarded-For"] = "203.0.113.66",
        ["X-Forwarded-Host"] = "evil.example.test",
        ["X-Forwarded-Proto"] = "https",
        ["X_Forwarded_Prefix"] = "/evil",
        ["Forwarded"] = "for=203.0.113.66;host=evil.example.test",
        ["X-Original-For"] = "203.0.113.66",
        ["X-Real-IP"] = "203.0.113.66",
    };

    [Fact]
    public async Task Proxy_BearerWithSpoofedHeaders_CubeSeesOnlyTheSidecarsIdentityAndForwardingHeaders()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("alice", ["ROLE_USER", "ROLE_SHARE"]);
        using var http = PingDeployment.Client();

        using var response = await SidecarCalls.GetAsync(http, new Uri(deployment.Risk.Address, "/api/whoami"), bearer: login.Token, headers: Spoofed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = (await response.Content.ReadFromJsonAsync<WhoAmI>(TestContext.Current.CancellationToken))!;
        Assert.Equal("alice", seen.User);
        Assert.Equal(["ROLE_USER", "ROLE_SHARE"], seen.Roles);
        Assert.Equal(
            ["X-AtotiAuth-Roles", "X-AtotiAuth-Session", "X-AtotiAuth-User"],
            seen.Headers.Where(static h => h.Replace('_', '-').StartsWith("X-AtotiAuth-", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(seen.Headers, static h => h.Replace('_', '-').StartsWith("X-Original-", StringComparison.OrdinalIgnoreCase)
            || h.Equals("X-Real-IP", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["X-Forwarded-For"] = "127.0.0.1",
                ["X-Forwarded-Proto"] = "http",
                ["X-Forwarded-Host"] = deployment.Risk.Address.Authority,
            },
            seen.Forwarding);
    }

    [Fact]
    public async Task Proxy_BehindATrustedIngress_CubeSeesTheIngresssClientHostAndPrefix()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("alice", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var ingress = new Dictionary<string, string>
        {
            ["X-Forwarded-For"] = "203.0.113.7",
            ["X-Forwarded-Proto"] = "https",
            ["X-Forwarded-Host"] = "risk.example.test",
            ["X-Forwarded-Prefix"] = "/risk",
            ["Forwarded"] = "for=198.51.100.1",
        };

        using var response = await SidecarCalls.GetAsync(http, new Uri(deployment.BehindIngress.Address, "/api/whoami"), bearer: login.Token, headers: ingress);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = (await response.Content.ReadFromJsonAsync<WhoAmI>(TestContext.Current.CancellationToken))!;
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["X-Forwarded-For"] = "203.0.113.7",
                ["X-Forwarded-Proto"] = "https",
                ["X-Forwarded-Host"] = "risk.example.test",
                ["X-Forwarded-Prefix"] = "/risk",
            },
            seen.Forwarding);
    }

    [Fact]
    public async Task Proxy_BearerAndOtherCookies_CubeGetsTheirCookiesButNotTheSidecars()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("bob", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookie = await PingCookieAsync(http, login.Token);

        using var response = await SidecarCalls.GetAsync(http, new Uri(deployment.Risk.Address, "/api/whoami"), bearer: login.Token, cookie: $"{cookie}; theme=dark");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = (await response.Content.ReadFromJsonAsync<WhoAmI>(TestContext.Current.CancellationToken))!;
        Assert.Equal("bob", seen.User);
        Assert.Equal(["theme"], seen.Cookies);
    }

    /// <summary>No telemetry is configured here: the sidecar adds no trace header of its own, and passes the client's on.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    public async Task Proxy_NoTelemetryConfigured_OnlyTheClientsTraceContextReachesTheCube(string? traceparent)
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("alice", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        Activity.Current = null;
        var headers = traceparent is null ? null : new Dictionary<string, string> { ["traceparent"] = traceparent };

        using var response = await SidecarCalls.GetAsync(http, new Uri(deployment.Risk.Address, "/api/whoami"), bearer: login.Token, headers: headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = (await response.Content.ReadFromJsonAsync<WhoAmI>(TestContext.Current.CancellationToken))!;
        Assert.Equal(traceparent is not null, seen.Headers.Any(static h => h.Equals("traceparent", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Proxy_NoCredentials_Returns401AndNeverReachesTheCube()
    {
        using var http = PingDeployment.Client();

        using var response = await SidecarCalls.GetAsync(http, new Uri(fixture.Deployment.Risk.Address, "/api/whoami"), headers: Spoofed);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_credentials", await SidecarCalls.ProblemCodeAsync(response));
    }

    /// <summary>
    /// The cube cookie authenticates WebSocket handshakes only: a request riding on it alone is refused,
    /// from another site (CSRF with SameSite=None) as from the UI's own origin (which sends its JWT anyway).
    /// </summary>
    [Theory]
    [InlineData("GET", "https://evil.example.test", "cross-site")]
    [InlineData("POST", "https://evil.example.test", "cross-site")]
    [InlineData("POST", null, "cross-site")]
    [InlineData("GET", PingDeployment.UiOrigin, "same-site")]
    [InlineData("POST", PingDeployment.UiOrigin, "same-site")]
    [InlineData("GET", null, null)]
    public async Task Proxy_CubeCookieWithoutToken_Refused(string method, string? origin, string? fetchSite)
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("mallory-target", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookie = await PingCookieAsync(http, login.Token);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(deployment.Risk.Address, "/api/whoami"));
        request.Headers.Add("Cookie", cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent([new("action", "delete")]);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_credentials", await SidecarCalls.ProblemCodeAsync(response));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Proxy_TokenRequestFromTheUiOrigin_AnsweredWithCors(string method)
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("ursula", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookie = await PingCookieAsync(http, login.Token);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(deployment.Risk.Address, "/api/whoami"));
        request.Headers.Authorization = new("Bearer", login.Token);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", PingDeployment.UiOrigin);
        request.Headers.Add("Sec-Fetch-Site", "same-site");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PingDeployment.UiOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("ursula", (await response.Content.ReadFromJsonAsync<WhoAmI>(TestContext.Current.CancellationToken))!.User);
    }

    [Fact]
    public async Task Handshake_ForgedCookie_RefusedInvalidCookie()
    {
        using var http = PingDeployment.Client();

        using var response = await SidecarCalls.HandshakeAsync(http, new Uri(fixture.Deployment.Risk.Address, "/ws"), $"{PingDeployment.RiskCookie}=CfDJ8forgedvalue", PingDeployment.UiOrigin);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_cookie", await SidecarCalls.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task WebSocket_WithCookieFromUiOrigin_StreamsAndEchoes()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("carol", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookie = await PingCookieAsync(http, login.Token);

        using var socket = await SocketClient.ConnectAsync(deployment.Risk.WebSocket("/ws"), cookie, PingDeployment.UiOrigin);

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal("hello:carol", await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)));
        Assert.StartsWith("tick:", await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)), StringComparison.Ordinal);
        await SocketClient.SendAsync(socket, "subscribe");
        var echoed = false;
        for (var i = 0; i < 50 && !echoed; i++)
        {
            echoed = await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)) == "echo:subscribe";
        }

        Assert.True(echoed);
    }

    [Fact]
    public async Task WebSocket_WithoutCookie_HandshakeRefused()
    {
        using var socket = await SocketClient.ConnectAsync(fixture.Deployment.Risk.WebSocket("/ws"), null, PingDeployment.UiOrigin);

        Assert.NotEqual(WebSocketState.Open, socket.State);
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Theory]
    [InlineData("https://evil.example.test")]
    [InlineData("https://ui.example.test.evil.test")]
    [InlineData(null)]
    public async Task WebSocket_ValidCookieForeignOrigin_HandshakeRefused(string? origin)
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("dave", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookie = await PingCookieAsync(http, login.Token);

        using var response = await SidecarCalls.HandshakeAsync(http, new Uri(deployment.Risk.Address, "/ws"), cookie, origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("origin_not_allowed", await SidecarCalls.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task WebSocket_TechnicalUser_RestAllowedSocketRefused()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("batch", ["ROLE_TECH"]);
        using var http = PingDeployment.Client();
        var cookie = await PingCookieAsync(http, login.Token);

        using var rest = await SidecarCalls.GetAsync(http, new Uri(deployment.Risk.Address, "/api/whoami"), bearer: login.Token);
        using var handshake = await SidecarCalls.HandshakeAsync(http, new Uri(deployment.Risk.Address, "/ws"), cookie, PingDeployment.UiOrigin);

        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, handshake.StatusCode);
        Assert.Equal("missing_role", await SidecarCalls.ProblemCodeAsync(handshake));
    }

    [Fact]
    public async Task Revocation_OfAnOpenSession_RefusesRequestsAndClosesItsSocket()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("erin", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookie = await PingCookieAsync(http, login.Token);
        using var socket = await SocketClient.ConnectAsync(deployment.Risk.WebSocket("/ws"), cookie, PingDeployment.UiOrigin);
        Assert.Equal("hello:erin", await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)));
        using (var before = await SidecarCalls.GetAsync(http, new Uri(deployment.Risk.Address, "/api/whoami"), bearer: login.Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var clock = Stopwatch.StartNew();
        await deployment.RevokeAsync(login.SessionId);
        var revokedAfter = clock.Elapsed;
        var refused = false;
        var attempts = 0;
        while (!refused && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            attempts++;
            using var after = await SidecarCalls.GetAsync(http, new Uri(deployment.Risk.Address, "/api/whoami"), bearer: login.Token);
            refused = after.StatusCode == HttpStatusCode.Unauthorized;
        }

        var refusedAfter = clock.Elapsed;
        var closed = false;
        while (!closed && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            closed = await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)) is null;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"revocation: recorded and published in {revokedAfter.TotalMilliseconds:F0} ms; request refused after " +
            $"{refusedAfter.TotalMilliseconds:F0} ms ({attempts} request(s)); socket closed after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(refused, "the revoked session's token was still accepted after 2 s");
        Assert.True(closed, "the revoked session's socket was still open after 5 s");
        using var handshake = await SidecarCalls.HandshakeAsync(http, new Uri(deployment.Risk.Address, "/ws"), cookie, PingDeployment.UiOrigin);
        Assert.Equal(HttpStatusCode.Unauthorized, handshake.StatusCode);
        Assert.Equal("session_revoked", await SidecarCalls.ProblemCodeAsync(handshake));
    }

    [Fact]
    public async Task Cookie_FromOneReplica_OpensASocketOnAnotherWithRolesFromTheSession()
    {
        var deployment = fixture.Deployment;
        var user = await deployment.LoginAsync("gina", ["ROLE_USER", "ROLE_SHARE"]);
        var tech = await deployment.LoginAsync("robot", ["ROLE_TECH"]);
        using var http = PingDeployment.Client();
        var userCookie = await PingCookieAsync(http, user.Token);
        var techCookie = await PingCookieAsync(http, tech.Token);

        using var socket = await SocketClient.ConnectAsync(deployment.RiskReplica.WebSocket("/ws"), userCookie, PingDeployment.UiOrigin);
        using var refused = await SidecarCalls.HandshakeAsync(http, new Uri(deployment.RiskReplica.Address, "/ws"), techCookie, PingDeployment.UiOrigin);

        Assert.Equal("hello:gina", await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task WebSocket_TokenExpiresWhileTheSessionLives_SocketStaysOpen()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("hank", ["ROLE_USER"], shortLived: true);
        using var http = PingDeployment.Client();
        var cookie = await PingCookieAsync(http, login.Token);
        using var socket = await SocketClient.ConnectAsync(deployment.Risk.WebSocket("/ws"), cookie, PingDeployment.UiOrigin);
        Assert.Equal("hello:hank", await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)));

        await Task.Delay(PingDeployment.ShortTokenLife + TimeSpan.FromSeconds(7), TestContext.Current.CancellationToken);

        Assert.StartsWith("tick:", await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocket_SessionEndsUnannounced_ClosedAtTheNextLookUp()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("iris", ["ROLE_USER"], shortLived: true);
        using var http = PingDeployment.Client();
        var cookie = await PingCookieAsync(http, login.Token);
        using var socket = await SocketClient.ConnectAsync(deployment.Risk.WebSocket("/ws"), cookie, PingDeployment.UiOrigin);
        Assert.Equal("hello:iris", await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)));
        var clock = Stopwatch.StartNew();

        await deployment.EndSessionSilentlyAsync(login.SessionId);
        var closed = false;
        while (!closed && clock.Elapsed < PingDeployment.ShortTokenLife + TimeSpan.FromSeconds(15))
        {
            closed = await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(15)) is null;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"session ended unannounced: socket closed after {clock.Elapsed.TotalMilliseconds:F0} ms (token life {PingDeployment.ShortTokenLife.TotalSeconds} s)");
        Assert.True(closed, "the socket outlived its session");
        using var after = await SidecarCalls.HandshakeAsync(http, new Uri(deployment.Risk.Address, "/ws"), cookie, PingDeployment.UiOrigin);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private async Task<string> PingCookieAsync(HttpClient http, string token)
    {
        using var ping = await SidecarCalls.PingAsync(http, fixture.Deployment.Risk, $"Bearer {token}");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        return SidecarCalls.CookiePair(SidecarCalls.SetCookie(ping, PingDeployment.RiskCookie)!);
    }
}
