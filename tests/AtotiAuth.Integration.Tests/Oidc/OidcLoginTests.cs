using System.Net;
using System.Net.Http.Json;
using System.Text;
using AtotiAuth.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>
/// OpenID Connect logins against the real provider container, driven as a browser would (issue 7).
/// One class, so its hosts share the port the provider's back-channel logout URI names.
/// </summary>
[Collection(nameof(OidcLoginTests))]
public sealed class OidcLoginTests(RedisFixture redis, OidcProviderFixture oidc)
{
    private const string Landing = "/after-login";

    [Fact]
    public async Task Login_FullFlowFromLoginPage_SessionWithMappedRolesAndJwt()
    {
        await using var host = await StartAsync();
        using var browser = new OidcBrowser();

        var login = await browser.NavigateAsync(host.Url("/login?redirectUrl=" + Uri.EscapeDataString(Landing)));
        Assert.Contains("href=\"/oauth2/authorization/oidc?redirectUrl=%2Fafter-login\"", login.Body, StringComparison.Ordinal);
        Assert.Contains("Sign in with Example SSO", login.Body, StringComparison.Ordinal);

        var callback = await LoginAsync(browser, host, "oidc", "alice");

        Assert.True(callback.Status == HttpStatusCode.Redirect, $"{callback.Status} at {callback.Url}: {callback.Body}");
        Assert.Equal(host.Url(Landing), callback.NextUrl);
        var (status, body) = await host.JwtAsync(browser);
        Assert.Equal(HttpStatusCode.OK, status);
        var token = new JsonWebToken(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("token").GetString());
        Assert.Equal("alice@example.com", token.GetPayloadValue<string>("sub"));
        Assert.Contains("ROLE_USER", token.GetPayloadValue<string[]>("authorities"));
    }

    /// <summary>
    /// Issue 22: from the plain login page (no <c>redirectUrl</c>) the callback sent the browser back to
    /// the start URL, the signed-in provider straight back, and so on until the browser gave up.
    /// </summary>
    [Theory]
    [InlineData("oidc", "alice")]
    [InlineData("keycloak", "admin")]
    public async Task Login_FromThePlainLoginPage_LandsOnDefaultLandingPath(string providerId, string account)
    {
        await using var host = await StartAsync(extra: new Dictionary<string, string?> { ["AtotiAuth:Identity:DefaultLandingPath"] = Landing });
        using var browser = new OidcBrowser();
        var login = await browser.NavigateAsync(host.Url("/login"));
        Assert.Contains($"href=\"/oauth2/authorization/{providerId}\"", login.Body, StringComparison.Ordinal);

        var interaction = await browser.NavigateAsync(host.Url($"/oauth2/authorization/{providerId}"), IsCallback);
        var atCallback = interaction.NextUrl is not null ? interaction : await browser.SubmitProviderLoginAsync(interaction, account, IsCallback);
        var landed = await browser.NavigateAsync(atCallback.NextUrl!, static _ => true);

        Assert.Equal(HttpStatusCode.Redirect, landed.Status);
        Assert.Equal(host.Url(Landing), landed.NextUrl);
        Assert.Equal(HttpStatusCode.OK, (await host.JwtAsync(browser)).Status);

        // Signed in at the provider now: a second start, redirects followed to the end, ends there too.
        var again = await browser.NavigateAsync(host.Url($"/oauth2/authorization/{providerId}"));
        if (again.Url.AbsolutePath.Contains("/interaction/", StringComparison.Ordinal))
        {
            again = await browser.SubmitProviderLoginAsync(again, account);
        }

        Assert.Equal(host.Url(Landing), again.Url);
    }

    [Fact]
    public async Task Login_TwoProviders_EachItsRedirectUriAndMapping()
    {
        await using var host = await StartAsync();
        using var alice = new OidcBrowser();
        using var admin = new OidcBrowser();

        var toProvider = await alice.NavigateAsync(host.Url("/oauth2/authorization/keycloak"), u => u.Port == oidc.Issuer.Port);
        var authorization = System.Web.HttpUtility.ParseQueryString(toProvider.NextUrl!.Query);
        Assert.Equal(host.Url("/login/oauth2/code/keycloak").ToString(), authorization["redirect_uri"]);
        Assert.Equal("S256", authorization["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(authorization["nonce"]));

        var viaAuth0Style = await LoginAsync(alice, host, "oidc", "alice");
        var viaKeycloak = await LoginAsync(admin, host, "keycloak", "admin");

        Assert.Equal(HttpStatusCode.Redirect, viaAuth0Style.Status);
        Assert.Equal(HttpStatusCode.Redirect, viaKeycloak.Status);
        Assert.Contains("ROLE_USER", Authorities((await host.JwtAsync(alice)).Body));
        var adminRoles = Authorities((await host.JwtAsync(admin)).Body);
        Assert.Contains("ROLE_ADMIN", adminRoles);
        Assert.DoesNotContain("ROLE_USER", adminRoles);
    }

    [Fact]
    public async Task Login_ProviderWithoutRoles_IndividualRolesByUserName()
    {
        await using var host = await StartAsync();
        using (var admin = host.CreateAdminClient())
        {
            using var put = await admin.PutAsJsonAsync("/admin/providers/oidc:google/users/bob@example.com/roles", new { roles = new List<string> { "ROLE_USER" } }, TestContext.Current.CancellationToken);
            Assert.True(put.IsSuccessStatusCode, $"admin API answered {put.StatusCode}");
        }

        using var bob = new OidcBrowser();
        using var alice = new OidcBrowser();
        await LoginAsync(bob, host, "google", "bob");
        await LoginAsync(alice, host, "google", "alice");

        var (bobStatus, bobBody) = await host.JwtAsync(bob);
        Assert.Equal(HttpStatusCode.OK, bobStatus);
        Assert.Equal(["ROLE_USER"], Authorities(bobBody));
        Assert.Equal(HttpStatusCode.Forbidden, (await host.JwtAsync(alice)).Status);
    }

    public static TheoryData<string> ForgedIdTokens => ["tampered", "wrong-aud", "wrong-nonce", "alg-none"];

    [Theory]
    [MemberData(nameof(ForgedIdTokens))]
    public async Task Callback_ForgedIdToken_ReadablePageNoSession(string forgery)
    {
        await OidcProviderSetup.EnsureClientsAsync(oidc);
        var replacement = forgery switch
        {
            "wrong-aud" => await OidcProviderSetup.IdTokenAsync(oidc, OidcProviderSetup.OtherClientId, OidcProviderSetup.OtherClientSecret, "n-" + Guid.NewGuid().ToString("N")),
            "wrong-nonce" => await OidcProviderSetup.IdTokenAsync(oidc, OidcProviderFixture.ClientId, OidcProviderFixture.ClientSecret, "not-the-flow-nonce"),
            _ => null,
        };
        Func<string, string> rewrite = forgery switch
        {
            "tampered" => Tamper,
            "alg-none" => Unsigned,
            _ => _ => replacement!,
        };
        await using var host = await StartAsync(rewrite);
        using var browser = new OidcBrowser();

        var page = await LoginAsync(browser, host, "oidc", "alice");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("invalid_id_token", OidcBrowser.ErrorCode(page.Body));
        Assert.Contains("href=\"/login\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.JwtAsync(browser)).Status);
    }

    [Fact]
    public async Task Callback_ReplayedState_ReadablePage()
    {
        await using var host = await StartAsync();
        using var browser = new OidcBrowser();
        var atCallback = await LoginAsync(browser, host, "oidc", "alice", stopAtCallback: true);
        var first = await browser.NavigateAsync(atCallback.NextUrl!, u => u.AbsolutePath == Landing);
        Assert.Equal(HttpStatusCode.Redirect, first.Status);

        var replay = await browser.NavigateAsync(atCallback.NextUrl!, u => u.AbsolutePath == Landing);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_state", OidcBrowser.ErrorCode(replay.Body));
    }

    [Fact]
    public async Task Callback_CodeReusedWithFreshState_ReadablePage()
    {
        await using var host = await StartAsync();
        using var browser = new OidcBrowser();
        var used = await LoginAsync(browser, host, "oidc", "alice", stopAtCallback: true);
        await browser.NavigateAsync(used.NextUrl!, u => u.AbsolutePath == Landing);
        var usedCode = System.Web.HttpUtility.ParseQueryString(used.NextUrl!.Query)["code"]!;

        var fresh = await browser.NavigateAsync(host.Url("/oauth2/authorization/oidc"), IsCallback);
        var query = System.Web.HttpUtility.ParseQueryString(fresh.NextUrl!.Query);
        query["code"] = usedCode;
        var page = await browser.NavigateAsync(new Uri(fresh.NextUrl!.GetLeftPart(UriPartial.Path) + "?" + query), u => u.AbsolutePath == Landing);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("code_exchange_failed", OidcBrowser.ErrorCode(page.Body));
    }

    [Fact]
    public async Task Callback_UserCancelsAtProvider_AccessDeniedPage()
    {
        await using var host = await StartAsync();
        using var browser = new OidcBrowser();
        var interaction = await browser.NavigateAsync(host.Url("/oauth2/authorization/oidc"));

        var page = await browser.NavigateAsync(new Uri(interaction.Url, interaction.Url.AbsolutePath + "/abort"), u => u.AbsolutePath == Landing);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("access_denied", OidcBrowser.ErrorCode(page.Body));
    }

    [Fact]
    public async Task Start_ProviderUnreachable_ServiceUnavailablePage()
    {
        await using var host = await StartAsync();
        using var browser = new OidcBrowser();

        var page = await browser.NavigateAsync(host.Url("/oauth2/authorization/down"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("provider_unavailable", OidcBrowser.ErrorCode(page.Body));
    }

    [Fact]
    public async Task Login_ProviderKeyRotatedBetweenLogins_SecondSucceeds()
    {
        await using var host = await StartAsync();
        using var first = new OidcBrowser();
        using var second = new OidcBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(first, host, "oidc", "alice")).Status);

        await oidc.RotateKeysAsync(TestContext.Current.CancellationToken);
        var page = await LoginAsync(second, host, "oidc", "alice");

        Assert.True(page.Status == HttpStatusCode.Redirect, $"{page.Status}: {OidcBrowser.ErrorCode(page.Body)}");
        Assert.Equal(HttpStatusCode.OK, (await host.JwtAsync(second)).Status);
    }

    internal static string[] Authorities(string jwtBody)
        => new JsonWebToken(System.Text.Json.JsonDocument.Parse(jwtBody).RootElement.GetProperty("token").GetString()).GetPayloadValue<string[]>("authorities");

    internal static bool IsCallback(Uri url) => url.AbsolutePath.StartsWith("/login/oauth2/code/", StringComparison.Ordinal);

    internal static async Task<OidcBrowser.Page> LoginAsync(OidcBrowser browser, OidcTestHost host, string providerId, string account, bool stopAtCallback = false)
    {
        Func<Uri, bool> stop = stopAtCallback ? IsCallback : u => u.AbsolutePath == Landing;
        var interaction = await browser.NavigateAsync(host.Url($"/oauth2/authorization/{providerId}?redirectUrl={Uri.EscapeDataString(Landing)}"), stop);
        return interaction.NextUrl is not null ? interaction : await browser.SubmitProviderLoginAsync(interaction, account, stop);
    }

    internal async Task<OidcTestHost> StartAsync(
        Func<string, string>? rewriteIdToken = null, IDictionary<string, string?>? extra = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        redis.EnsureAvailable();
        await OidcProviderSetup.EnsureClientsAsync(oidc);
        var issuer = oidc.Issuer.ToString().TrimEnd('/');
        var settings = new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Oidc:Providers:oidc:IssuerUrl"] = issuer,
            ["AtotiAuth:Identity:Oidc:Providers:oidc:ClientId"] = OidcProviderFixture.ClientId,
            ["AtotiAuth:Identity:Oidc:Providers:oidc:ClientSecret"] = OidcProviderFixture.ClientSecret,
            ["AtotiAuth:Identity:Oidc:Providers:oidc:DisplayName"] = "Example SSO",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:Scopes:0"] = "openid",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:Scopes:1"] = "email",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:Scopes:2"] = "roles",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:NameClaim"] = "email",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:RolesClaims:0"] = "https://example.com/roles",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:RoleMapping:ROLE_ATOTI_USER:0"] = "ROLE_USER",
            ["AtotiAuth:Identity:Oidc:Providers:keycloak:IssuerUrl"] = issuer,
            ["AtotiAuth:Identity:Oidc:Providers:keycloak:ClientId"] = OidcProviderSetup.SecondClientId,
            ["AtotiAuth:Identity:Oidc:Providers:keycloak:ClientSecret"] = OidcProviderSetup.SecondClientSecret,
            ["AtotiAuth:Identity:Oidc:Providers:keycloak:ClientAuthentication"] = "ClientSecretPost",
            ["AtotiAuth:Identity:Oidc:Providers:keycloak:Scopes:0"] = "openid",
            ["AtotiAuth:Identity:Oidc:Providers:keycloak:Scopes:1"] = "roles",
            ["AtotiAuth:Identity:Oidc:Providers:keycloak:RolesClaims:0"] = "realm_access.roles",
            ["AtotiAuth:Identity:Oidc:Providers:keycloak:RoleMapping:ROLE_ATOTI_ADMIN:0"] = "ROLE_ADMIN",
            ["AtotiAuth:Identity:Oidc:Providers:google:IssuerUrl"] = issuer,
            ["AtotiAuth:Identity:Oidc:Providers:google:ClientId"] = OidcProviderSetup.SecondClientId,
            ["AtotiAuth:Identity:Oidc:Providers:google:ClientSecret"] = OidcProviderSetup.SecondClientSecret,
            ["AtotiAuth:Identity:Oidc:Providers:google:ClientAuthentication"] = "ClientSecretPost",
            ["AtotiAuth:Identity:Oidc:Providers:google:NameClaim"] = "email",
            ["AtotiAuth:Identity:Oidc:Providers:down:IssuerUrl"] = "http://127.0.0.1:9",
            ["AtotiAuth:Identity:Oidc:Providers:down:ClientId"] = "down",
            ["AtotiAuth:Identity:Oidc:Providers:down:ClientSecret"] = "down-secret",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new OidcTestHost(redis, OidcProviderSetup.HostPort, settings, rewriteIdToken, services);
    }

    private static string Tamper(string idToken)
    {
        var parts = idToken.Split('.');
        var payload = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("alice@example.com", "admin@example.com", StringComparison.Ordinal);
        return $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    private static string Unsigned(string idToken)
    {
        var parts = idToken.Split('.');
        return $"{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";
    }
}
