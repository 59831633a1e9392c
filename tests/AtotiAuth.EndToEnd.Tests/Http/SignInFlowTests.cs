using System.Net;
using AtotiAuth.EndToEnd.Tests.Infrastructure;

namespace AtotiAuth.EndToEnd.Tests.Http;

/// <summary>
/// The remote UI's flow over HTTP through the gateway (seed 002): a login at the JWT server, <c>/jwt</c>,
/// ping on both cubes, REST and WebSocket through each sidecar, and a logout felt by both sidecars.
/// </summary>
public sealed class SignInFlowTests(EndToEndSystem system)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Jwt_WithoutSession_AnswersBare401()
    {
        system.EnsureAvailable();
        using var user = new SystemUser(system.Gateway, "nobody", "-");
        using var response = await user.RequestJwtAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(response.Headers.WwwAuthenticate, static h => h.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Topology.UiOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task BasicLogin_ThroughGateway_JwtPingsBothCubesAndReachesThem()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var user = await system.Admin.CreateUserAsync("flow", ct);

        using (var login = await user.LoginAsync(ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal(system.Gateway.Ui, login.Headers.Location);
            var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), static c => c.StartsWith(Topology.SessionCookie + "=", StringComparison.Ordinal));
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        }

        var jwt = await user.GetJwtAsync(ct);
        var claims = JwtPayload.Decode(jwt);
        Assert.Equal(user.Name, claims.GetProperty("sub").GetString());
        Assert.Equal(Topology.AuthOrigin, claims.GetProperty("iss").GetString());
        Assert.Contains("ROLE_USER", JwtPayload.Authorities(claims));

        foreach (var (cube, _) in Topology.Cubes)
        {
            using var ping = await user.PingAsync(cube, jwt, ct);
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
            Assert.Equal("pong", await ping.Content.ReadAsStringAsync(ct));
            Assert.Contains(user.Cookies.GetCookies(system.Gateway.Cube(cube)), c => c.Name == Topology.CubeCookie(cube) && c.Secure && c.HttpOnly);
            if (Topology.IsAtoti(cube))
            {
                // The Atoti server's own session cookie, set by its own ping behind the sidecar.
                Assert.Contains(user.Cookies.GetCookies(system.Gateway.Cube(cube)), c => c.Name == Topology.AtotiServerCookie && c.Secure && c.HttpOnly);
            }

            using var whoami = await user.CallCubeAsync(cube, Topology.RestPath(cube), jwt, ct);
            Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
            var seen = System.Text.Json.JsonDocument.Parse(await whoami.Content.ReadAsStringAsync(ct)).RootElement;
            Assert.Equal(user.Name, seen.GetProperty("user").GetString());
        }
    }

    [Fact]
    public async Task CubeWebSockets_AfterPing_StreamThroughBothSidecars()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var user = await system.Admin.CreateUserAsync("stream", ct);
        var jwt = await user.SignInAsync(ct);
        foreach (var (cube, _) in Topology.Cubes)
        {
            using (await user.PingAsync(cube, jwt, ct))
            {
            }

            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Patience);
            using var socket = await user.OpenCubeSocketAsync(cube, patience.Token);
            Assert.Equal($"hello:{user.Name}", await socket.ReceiveAsync(patience.Token));
            Assert.NotNull(await socket.ReceiveUntilAsync(static m => m.StartsWith("tick:", StringComparison.Ordinal), patience.Token));
            await socket.SendAsync("from the test", patience.Token);
            Assert.NotNull(await socket.ReceiveUntilAsync(static m => m == "echo:from the test", patience.Token));
        }
    }

    [Fact]
    public async Task Logout_AtTheJwtServer_RevokesAtBothSidecars()
    {
        system.EnsureAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var user = await system.Admin.CreateUserAsync("logout", ct);
        var jwt = await user.SignInAsync(ct);
        var sockets = new List<GatewaySocket>();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(Patience);
        try
        {
            foreach (var (cube, _) in Topology.Cubes)
            {
                using (await user.PingAsync(cube, jwt, ct))
                {
                }

                var socket = await user.OpenCubeSocketAsync(cube, patience.Token);
                sockets.Add(socket);
                Assert.StartsWith("hello:", await socket.ReceiveAsync(patience.Token), StringComparison.Ordinal);
            }

            using var logout = await user.LogoutAsync(ct);
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

            foreach (var socket in sockets)
            {
                // Ticks already on their way may arrive; then the sidecar drops the socket.
                Assert.Null(await socket.ReceiveUntilAsync(static _ => false, patience.Token));
            }

            using var jwtAfter = await user.RequestJwtAsync(ct);
            Assert.Equal(HttpStatusCode.Unauthorized, jwtAfter.StatusCode);
            foreach (var (cube, _) in Topology.Cubes)
            {
                using var ping = await user.PingAsync(cube, jwt, ct);
                Assert.Equal(HttpStatusCode.Unauthorized, ping.StatusCode);
                Assert.Contains("session_revoked", await ping.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
                using var rest = await user.CallCubeAsync(cube, Topology.RestPath(cube), jwt, ct);
                Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
            }
        }
        finally
        {
            sockets.ForEach(static s => s.Dispose());
        }
    }
}
