using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Integration.Tests.Ping;

public sealed class PingEndpointTests(PingDeploymentFixture fixture) : IClassFixture<PingDeploymentFixture>
{
    [Theory]
    [InlineData("/ping")]
    [InlineData("/activeviam/pivot/rest/v8/ping")]
    [InlineData("/activeviam/pivot/rest/v9/ping")]
    [InlineData("/activeviam/pivot/rest/v10/ping")]
    public async Task Ping_ValidBearer_ReturnsPongAndCookieWithAttributes(string path)
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("alice", ["ROLE_USER"]);
        using var http = PingDeployment.Client();

        using var response = await SidecarCalls.PingAsync(http, deployment.Risk, $"Bearer {login.Token}", path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pong", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var cookie = SidecarCalls.SetCookie(response, PingDeployment.RiskCookie);
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        var maxAge = int.Parse(cookie.Split(';').Select(static p => p.Trim()).First(static p => p.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase))["max-age=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(maxAge, 1, 15 * 60);
    }

    [Fact]
    public async Task Ping_LegacyJwtScheme_ReturnsPong()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("alice", ["ROLE_USER"]);
        using var http = PingDeployment.Client();

        using var response = await SidecarCalls.PingAsync(http, deployment.Risk, $"Jwt {login.Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(SidecarCalls.SetCookie(response, PingDeployment.RiskCookie));
    }

    [Fact]
    public async Task Ping_TechnicalUser_ReturnsPong()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("robot", ["ROLE_TECH", "ROLE_ADMIN"]);
        using var http = PingDeployment.Client();

        using var response = await SidecarCalls.PingAsync(http, deployment.Risk, $"Bearer {login.Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Every refusal of ping: the status, the problem's code, no cube cookie, and never a Basic challenge.</summary>
    [Theory]
    [InlineData("none", HttpStatusCode.Unauthorized, "missing_credentials")]
    [InlineData("expired", HttpStatusCode.Unauthorized, "invalid_token")]
    [InlineData("forged-signature", HttpStatusCode.Unauthorized, "invalid_token")]
    [InlineData("alg-none", HttpStatusCode.Unauthorized, "invalid_token")]
    [InlineData("revoked-session", HttpStatusCode.Unauthorized, "session_revoked")]
    [InlineData("role-missing", HttpStatusCode.Forbidden, "missing_role")]
    public async Task Ping_BadCredential_RefusedWithCodeWithoutCookie(string credential, HttpStatusCode status, string code)
    {
        var authorization = await AuthorizationAsync(credential);
        using var http = PingDeployment.Client();

        using var response = await SidecarCalls.PingAsync(http, fixture.Deployment.Risk, authorization);

        Assert.Equal(status, response.StatusCode);
        Assert.Null(SidecarCalls.SetCookie(response, PingDeployment.RiskCookie));
        Assert.Equal(code, await SidecarCalls.ProblemCodeAsync(response));
        Assert.DoesNotContain(response.Headers.WwwAuthenticate, static h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Ping_TwoSidecarsOneHost_DistinctCookiesEachRefusingTheOther()
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("alice", ["ROLE_USER"]);
        using var http = PingDeployment.Client();
        using var riskPing = await SidecarCalls.PingAsync(http, deployment.Risk, $"Bearer {login.Token}");
        using var pnlPing = await SidecarCalls.PingAsync(http, deployment.Pnl, $"Bearer {login.Token}");
        var riskValue = SidecarCalls.CookiePair(SidecarCalls.SetCookie(riskPing, PingDeployment.RiskCookie)!)[(PingDeployment.RiskCookie.Length + 1)..];
        var pnlValue = SidecarCalls.CookiePair(SidecarCalls.SetCookie(pnlPing, PingDeployment.PnlCookie)!)[(PingDeployment.PnlCookie.Length + 1)..];

        using var pnlWithRiskCookie = await SidecarCalls.HandshakeAsync(http, new Uri(deployment.Pnl.Address, "/ws"), $"{PingDeployment.PnlCookie}={riskValue}", PingDeployment.UiOrigin);
        using var riskWithPnlCookie = await SidecarCalls.HandshakeAsync(http, new Uri(deployment.Risk.Address, "/ws"), $"{PingDeployment.RiskCookie}={pnlValue}", PingDeployment.UiOrigin);
        using var pnlWithOwnCookie = await SocketClient.ConnectAsync(deployment.Pnl.WebSocket("/ws"), $"{PingDeployment.PnlCookie}={pnlValue}", PingDeployment.UiOrigin);

        Assert.NotEqual(riskValue, pnlValue);
        Assert.Equal(HttpStatusCode.Unauthorized, pnlWithRiskCookie.StatusCode);
        Assert.Equal("invalid_cookie", await SidecarCalls.ProblemCodeAsync(pnlWithRiskCookie));
        Assert.Equal(HttpStatusCode.Unauthorized, riskWithPnlCookie.StatusCode);
        Assert.Equal("hello:alice", await SocketClient.ReceiveAsync(pnlWithOwnCookie, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Ping_Preflight_AllowsTheUiOriginWithCredentials()
    {
        using var http = PingDeployment.Client();
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(fixture.Deployment.Risk.Address, "/activeviam/pivot/rest/v10/ping"));
        request.Headers.Add("Origin", PingDeployment.UiOrigin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(PingDeployment.UiOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
    }

    [Fact]
    public async Task Logout_Post_ClearsTheCookieWithCors()
    {
        using var http = PingDeployment.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Deployment.Risk.Address, "/logout"));
        request.Headers.Add("Origin", PingDeployment.UiOrigin);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = SidecarCalls.SetCookie(response, PingDeployment.RiskCookie);
        Assert.NotNull(cookie);
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PingDeployment.UiOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static readonly string[] CriticalExtensions = ["urn:example:policy"];

    /// <summary>Validly signed by the token service's key, but with a header or a type no verifier may accept.</summary>
    [Theory]
    [InlineData("crit", "/activeviam/pivot/rest/v10/ping", "forbidden_token_header")]
    [InlineData("crit", "/api/whoami", "forbidden_token_header")]
    [InlineData("logout+jwt", "/activeviam/pivot/rest/v10/ping", "invalid_token")]
    [InlineData("logout+jwt", "/api/whoami", "invalid_token")]
    [InlineData("at+jwt", "/activeviam/pivot/rest/v10/ping", "invalid_token")]
    [InlineData("at+jwt", "/api/whoami", "invalid_token")]
    public async Task Token_UnknownCritOrForeignType_RefusedAtPingAndAtTheProxy(string variant, string path, string code)
    {
        var deployment = fixture.Deployment;
        var login = await deployment.LoginAsync("alice", ["ROLE_USER"]);
        var token = deployment.SignLike(login, d =>
        {
            if (variant == "crit")
            {
                d.AdditionalHeaderClaims = new Dictionary<string, object> { ["crit"] = CriticalExtensions, ["urn:example:policy"] = "x" };
            }
            else
            {
                d.TokenType = variant;
            }
        });
        var control = deployment.SignLike(login, static _ => { });
        using var http = PingDeployment.Client();

        using var accepted = await SidecarCalls.GetAsync(http, new Uri(deployment.Risk.Address, path), bearer: control);
        using var refused = await SidecarCalls.GetAsync(http, new Uri(deployment.Risk.Address, path), bearer: token);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(code, await SidecarCalls.ProblemCodeAsync(refused));
    }

    /// <summary>The <c>Authorization</c> header of a refused ping, by kind (null: none).</summary>
    private async Task<string?> AuthorizationAsync(string credential)
    {
        var deployment = fixture.Deployment;
        switch (credential)
        {
            case "none":
                return null;
            case "expired":
                return $"Bearer {(await deployment.LoginAsync("alice", ["ROLE_USER"], expired: true)).Token}";
            case "role-missing":
                return $"Bearer {(await deployment.LoginAsync("admin", ["ROLE_ADMIN"])).Token}";
            case "revoked-session":
                var revoked = await deployment.LoginAsync("alice", ["ROLE_USER"]);
                await deployment.RevokeAsync(revoked.SessionId);
                return $"Bearer {revoked.Token}";
        }

        var parts = (await deployment.LoginAsync("alice", ["ROLE_USER"])).Token.Split('.');
        if (credential == "alg-none")
        {
            return $"Bearer {Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";
        }

        // forged-signature: the claims given a role, the signature kept.
        var claims = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"ROLE_USER\"", "\"ROLE_ADMIN\",\"ROLE_USER\"", StringComparison.Ordinal);
        return $"Bearer {parts[0]}.{Base64UrlEncoder.Encode(claims)}.{parts[2]}";
    }
}
