using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AtotiAuth.Testcontainers.Tests.Module;

/// <summary>The split system through the module: login, JWT, ping through a sidecar to the caller's cube, logout.</summary>
public sealed class SystemTests(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    [Fact]
    public async Task System_LoginJwtAndSidecar_TheCubeEchoesTheIdentity()
    {
        ServiceImages.EnsureAvailable(SystemFixture.Images);
        var ct = TestContext.Current.CancellationToken;
        var system = fixture.System;

        var jwt = await system.GetJwtAsync("trader", SystemFixture.TraderPassword, ct);
        using var cube = await system.Sidecars["risk"].CreateClientAsync(jwt, ct);
        var whoami = await cube.GetFromJsonAsync<JsonElement>("/api/whoami", ct);

        Assert.Equal("trader", whoami.GetProperty("user").GetString());
        Assert.Equal(["ROLE_TRADER", "ROLE_USER"], whoami.GetProperty("roles").EnumerateArray().Select(static r => r.GetString()!).Order(StringComparer.Ordinal));
        await JwtAssertions.ValidAsync(jwt, system.Token.GetJwksUrl(), system.Issuer);
        Assert.Equal("http://token:8080", system.Issuer);
        Assert.Equal(new Uri("http://token:8080/"), system.JwtServerNetworkUrl);
    }

    [Fact]
    public async Task System_WrongPassword_IsRefusedWith401()
    {
        ServiceImages.EnsureAvailable(SystemFixture.Images);

        Assert.Equal(HttpStatusCode.Unauthorized, await Refusal.StatusOfAsync(() => fixture.System.LoginAsync("trader", "not-the-password", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task System_Logout_TheSidecarRefusesTheSessionsCookieAndJwt()
    {
        ServiceImages.EnsureAvailable(SystemFixture.Images);
        var ct = TestContext.Current.CancellationToken;
        var system = fixture.System;
        var session = await system.LoginAsync("viewer", SystemFixture.ViewerPassword, ct);
        var jwt = await system.GetJwtAsync(session, ct);
        using var cube = await system.Sidecars["risk"].CreateClientAsync(jwt, ct);
        using (var before = await cube.GetAsync(new Uri("/api/whoami", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await system.LogoutAsync(session, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnceRevokedAsync(cube, ct));
        Assert.Equal(HttpStatusCode.Unauthorized, await Refusal.StatusOfAsync(() => system.Sidecars["risk"].PingAsync(jwt, ct)));
    }

    [Fact]
    public async Task System_SecondIdentityReplica_LogsOutASessionTheFirstOpened()
    {
        ServiceImages.EnsureAvailable(SystemFixture.Images);
        var ct = TestContext.Current.CancellationToken;
        var system = fixture.System;
        var session = await system.Identities[0].LoginAsync("viewer", SystemFixture.ViewerPassword, ct);
        Assert.NotEmpty(await system.GetJwtAsync(session, ct));

        await system.Identities[1].LogoutAsync(session, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, await Refusal.StatusOfAsync(() => system.GetJwtAsync(session, ct)));
    }

    [Fact]
    public async Task System_LdapUser_LogsInThroughTheIdentityImageWithTheSeededMapping()
    {
        ServiceImages.EnsureAvailable(SystemFixture.Images);
        var ct = TestContext.Current.CancellationToken;
        var system = fixture.System;

        // The identity image's libldap (System.DirectoryServices.Protocols) against a real slapd.
        var session = await system.Identities[1].LoginAsync("alice", "alice-pass", ct);
        var identity = await JwtAssertions.ValidAsync(await system.GetJwtAsync(session, ct), system.Token.GetJwksUrl(), system.Issuer);

        Assert.Equal("alice", identity.FindFirst("sub")?.Value);
        Assert.Contains("ROLE_FROM_LDAP", JwtAssertions.Authorities(identity));
    }

    /// <summary>
    /// The sidecar hears of a revocation by Redis pub/sub, a few milliseconds after the logout answered:
    /// asks again until it refuses, for at most 5 s, and returns the last status.
    /// </summary>
    /// <summary>
    /// Issue 18: <c>curl -u user:password …/activeviam/jwt/rest/v3/token</c> at the token container, which
    /// asks an identity replica over the network: a basic and an LDAP user get tokens the sidecar accepts.
    /// </summary>
    [Theory]
    [InlineData("trader", SystemFixture.TraderPassword)]
    [InlineData("alice", "alice-pass")]
    public async Task System_BasicCredentialsAtTheTokenService_GetATokenTheSidecarAccepts(string userName, string password)
    {
        ServiceImages.EnsureAvailable(SystemFixture.Images);
        var ct = TestContext.Current.CancellationToken;
        var system = fixture.System;
        using var http = new HttpClient { BaseAddress = system.Token.GetBaseAddress() };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{userName}:{password}")));

        var body = await http.GetFromJsonAsync<JsonElement>("/activeviam/jwt/rest/v3/token", ct);
        using var cube = await system.Sidecars["risk"].CreateClientAsync(body.GetProperty("token").GetString()!, ct);
        var whoami = await cube.GetFromJsonAsync<JsonElement>("/api/whoami", ct);

        Assert.Equal(userName, whoami.GetProperty("user").GetString());
    }

    private static async Task<HttpStatusCode> StatusOnceRevokedAsync(HttpClient cube, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            using var response = await cube.GetAsync(new Uri("/api/whoami", UriKind.Relative), ct);
            if (response.StatusCode != HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(50, ct);
        }
    }
}
