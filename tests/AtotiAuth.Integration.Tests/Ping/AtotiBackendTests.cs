using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AtotiAuth.Samples.Cube.Atoti;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Integration.Tests.Ping;

/// <summary>
/// A sidecar in front of the Atoti stand-in (<c>Backend=Atoti</c>), which verifies JWTs itself,
/// authenticates its WebSocket by its own session cookie and ignores AtotiAuth's headers. The UI's flow
/// is unchanged: ping with the JWT, REST with the JWT, the WebSocket with cookies.
/// </summary>
public sealed class AtotiBackendTests(PingDeploymentFixture fixture) : IClassFixture<PingDeploymentFixture>
{
    private const string Ping = "/activeviam/pivot/rest/v10/ping";

    [Fact]
    public async Task Ping_InFrontOfAtoti_TheServerSetsItsCookieAndTheSidecarItsOwn()
    {
        var login = await fixture.Deployment.LoginAsync("alice", ["ROLE_USER"]);
        using var http = PingDeployment.Client();

        using var ping = await SidecarCalls.PingAsync(http, fixture.Deployment.Atoti, $"Bearer {login.Token}");

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("pong", await ping.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.NotNull(SidecarCalls.SetCookie(ping, PingDeployment.AtotiServerCookie));
        Assert.NotNull(SidecarCalls.SetCookie(ping, PingDeployment.AtotiCookie));
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Jwt")]
    public async Task Rest_InFrontOfAtoti_TheServerAnswersFromTheJwtItVerified(string scheme)
    {
        var login = await fixture.Deployment.LoginAsync("bruno", ["ROLE_USER", "ROLE_SHARE"]);
        using var http = PingDeployment.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Deployment.Atoti.Address, AtotiServerEndpoints.WhoAmIPath));
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {login.Token}");
        request.Headers.Add("X-AtotiAuth-User", "admin");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = (await response.Content.ReadFromJsonAsync<AtotiWhoAmI>(TestContext.Current.CancellationToken))!;
        Assert.Equal("bruno", seen.User);
        Assert.Equal(["ROLE_USER", "ROLE_SHARE"], seen.Roles);
        Assert.Equal("jwt", seen.Via);
    }

    [Fact]
    public async Task Rest_InFrontOfAtoti_TheServersOwnEmptyAnswerPassesUnchanged()
    {
        var login = await fixture.Deployment.LoginAsync("bianca", ["ROLE_USER"]);
        using var http = PingDeployment.Client();

        using var response = await SidecarCalls.GetAsync(http, new Uri(fixture.Deployment.Atoti.Address, "/activeviam/pivot/rest/v10/no-such-thing"), bearer: login.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WebSocket_InFrontOfAtoti_AuthenticatedByTheServersOwnSessionCookie()
    {
        var login = await fixture.Deployment.LoginAsync("carla", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookies = await PingCookiesAsync(http, login.Token);

        using var socket = await SocketClient.ConnectAsync(fixture.Deployment.Atoti.WebSocket(AtotiServerEndpoints.WebSocketPath), cookies, PingDeployment.UiOrigin);

        Assert.Equal("hello:carla", await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)));
        Assert.Contains(Seen(), s => s.Path == AtotiServerEndpoints.WebSocketPath && s.User == "carla" && s.Via == "session");
    }

    [Fact]
    public async Task WebSocket_InFrontOfAtotiWithoutTheServersCookie_TheServerRefuses()
    {
        var login = await fixture.Deployment.LoginAsync("dario", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookies = await PingCookiesAsync(http, login.Token);
        var sidecarsOnly = cookies.Split("; ").Single(c => c.StartsWith(PingDeployment.AtotiCookie + "=", StringComparison.Ordinal));

        using var socket = await SocketClient.ConnectAsync(fixture.Deployment.Atoti.WebSocket(AtotiServerEndpoints.WebSocketPath), sidecarsOnly, PingDeployment.UiOrigin);

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Revocation_InFrontOfAtoti_SocketClosedAndTheServerSeesNoFurtherRequest()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("elena", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookies = await PingCookiesAsync(http, login.Token);
        using var socket = await SocketClient.ConnectAsync(deployment.Atoti.WebSocket(AtotiServerEndpoints.WebSocketPath), cookies, PingDeployment.UiOrigin);
        Assert.Equal("hello:elena", await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)));

        await deployment.RevokeAsync(login.SessionId);
        var closed = false;
        var clock = Stopwatch.StartNew();
        while (!closed && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            closed = await SocketClient.ReceiveAsync(socket, TimeSpan.FromSeconds(5)) is null;
        }

        var revokedAt = DateTimeOffset.UtcNow;
        using var rest = await SidecarCalls.GetAsync(http, new Uri(deployment.Atoti.Address, AtotiServerEndpoints.WhoAmIPath), bearer: login.Token);
        using var ping = await SidecarCalls.PingAsync(http, deployment.Atoti, $"Bearer {login.Token}", Ping);
        using var handshake = await SidecarCalls.HandshakeAsync(http, new Uri(deployment.Atoti.Address, AtotiServerEndpoints.WebSocketPath), cookies, PingDeployment.UiOrigin);

        Assert.True(closed, "the revoked session's socket was still open after 5 s");
        Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ping.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, handshake.StatusCode);
        Assert.Equal("session_revoked", await SidecarCalls.ProblemCodeAsync(handshake));
        Assert.DoesNotContain(Seen(), s => s.TokenSession == login.SessionId && s.At >= revokedAt);
    }

    [Fact]
    public async Task Logout_InFrontOfAtoti_EndsTheServersSessionAndClearsBothCookies()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("fabio", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        var cookies = await PingCookiesAsync(http, login.Token);
        var serversOnly = cookies.Split("; ").Single(c => c.StartsWith(PingDeployment.AtotiServerCookie + "=", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(deployment.Atoti.Address, "/logout"));
        request.Headers.Add("Cookie", cookies);
        request.Headers.Add("Origin", PingDeployment.UiOrigin);

        using var logout = await http.SendAsync(request, TestContext.Current.CancellationToken);
        using var straightToTheServer = await SocketClient.ConnectAsync(deployment.AtotiServer.WebSocket(AtotiServerEndpoints.WebSocketPath), serversOnly, PingDeployment.UiOrigin);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", SidecarCalls.SetCookie(logout, PingDeployment.AtotiCookie), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=Thu, 01 Jan 1970", SidecarCalls.SetCookie(logout, PingDeployment.AtotiServerCookie), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, straightToTheServer.HttpStatusCode);
    }

    [Fact]
    public async Task VersionsRest_InFrontOfAtoti_OpenToAllInAtotisShape()
    {
        using var http = PingDeployment.Client();

        using var response = await http.GetAsync(new Uri(fixture.Deployment.Atoti.Address, "/versions/rest"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var versions = body.GetProperty("apis").GetProperty("activeviam/pivot").GetProperty("versions");
        Assert.Contains(versions.EnumerateArray(), v => v.GetProperty("restPath").GetString() == "/activeviam/pivot/rest/v10"
            && v.GetProperty("wsPath").GetString() == AtotiServerEndpoints.WebSocketPath);
    }

    [Fact]
    public async Task Ping_InFrontOfAtotiWithoutARequiredRole_RefusedBeforeTheServer()
    {
        // ROLE_ADMIN gets a token, but Atoti's ping wants ROLE_USER or ROLE_TECH.
        var login = await fixture.Deployment.LoginAsync("sharer", ["ROLE_ADMIN"]);
        using var http = PingDeployment.Client();

        using var ping = await SidecarCalls.PingAsync(http, fixture.Deployment.Atoti, $"Bearer {login.Token}");

        Assert.Equal(HttpStatusCode.Forbidden, ping.StatusCode);
        Assert.Equal("missing_role", await SidecarCalls.ProblemCodeAsync(ping));
        Assert.DoesNotContain(Seen(), s => s.User == "sharer");
    }

    /// <summary>The stand-in alone refuses what an Atoti server refuses: it is no trusting test double.</summary>
    [Theory]
    [InlineData("none")]
    [InlineData("identity-headers")]
    [InlineData("other-key")]
    [InlineData("expired")]
    [InlineData("alg-none")]
    public async Task AtotiStandIn_WithoutAValidJwtOrSession_Refuses401(string credential)
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("gianni", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(deployment.AtotiServer.Address, AtotiServerEndpoints.WhoAmIPath));
        switch (credential)
        {
            case "identity-headers":
                request.Headers.Add("X-AtotiAuth-User", "gianni");
                request.Headers.Add("X-AtotiAuth-Roles", "ROLE_USER");
                break;
            case "other-key":
                request.Headers.Authorization = new("Bearer", Resign(login.Token, exp: null, algorithmNone: false));
                break;
            case "expired":
                var expired = await deployment.LoginAsync("gianni", ["ROLE_USER"], expired: true);
                request.Headers.Authorization = new("Bearer", expired.Token);
                break;
            case "alg-none":
                request.Headers.Authorization = new("Bearer", Resign(login.Token, exp: null, algorithmNone: true));
                break;
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AtotiStandIn_TechnicalUser_PingsButMayNotOpenTheWebSocket()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("etl", ["ROLE_TECH"]);
        using var http = PingDeployment.Client();
        using var ping = await SidecarCalls.GetAsync(http, new Uri(deployment.AtotiServer.Address, Ping), bearer: login.Token);
        var cookie = SidecarCalls.CookiePair(SidecarCalls.SetCookie(ping, PingDeployment.AtotiServerCookie)!);

        using var socket = await SocketClient.ConnectAsync(deployment.AtotiServer.WebSocket(AtotiServerEndpoints.WebSocketPath), cookie, PingDeployment.UiOrigin);

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    private IReadOnlyList<AtotiRequestLog.Seen> Seen() => fixture.Deployment.AtotiServer.Services.GetRequiredService<AtotiRequestLog>().Requests;

    /// <summary>Both cookies of a ping through the Atoti sidecar, as the browser sends them back.</summary>
    private async Task<string> PingCookiesAsync(HttpClient http, string token)
    {
        using var ping = await SidecarCalls.PingAsync(http, fixture.Deployment.Atoti, $"Bearer {token}", Ping);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        return SidecarCalls.CookiePair(SidecarCalls.SetCookie(ping, PingDeployment.AtotiCookie)!) + "; "
            + SidecarCalls.CookiePair(SidecarCalls.SetCookie(ping, PingDeployment.AtotiServerCookie)!);
    }

    /// <summary>The token's claims under another key, or unsigned.</summary>
    private static string Resign(string token, DateTimeOffset? exp, bool algorithmNone)
    {
        var claims = new JsonWebToken(token).Claims.GroupBy(static c => c.Type).ToDictionary(
            static g => g.Key,
            static g => g.Key == "authorities" ? (object)g.Select(static c => c.Value).ToArray() : g.First().Value);
        if (exp is { } expiry)
        {
            claims["exp"] = expiry.ToUnixTimeSeconds();
        }

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        if (algorithmNone)
        {
            return handler.CreateToken(new SecurityTokenDescriptor { Claims = claims });
        }

        using var rsa = RSA.Create(2048);
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "ping-tests" }, SecurityAlgorithms.RsaSha512),
        });
    }
}
