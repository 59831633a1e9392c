using System.Net;
using System.Security.Cryptography;
using AtotiAuth.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>
/// Back-channel logout from the real provider: it calls the identity service on Kestrel through
/// <see cref="OidcProviderFixture.HostAlias"/>. In the same collection as <see cref="OidcLoginTests"/>,
/// since both bind the port the provider's logout URI names.
/// </summary>
[Collection(nameof(OidcLoginTests))]
public sealed class BackchannelLogoutTests(RedisFixture redis, OidcProviderFixture oidc)
{
    [Fact]
    public async Task ProviderLogout_SessionRevoked_JwtThenRefusedAndReplayRefused()
    {
        await using var host = await new OidcLoginTests(redis, oidc).StartAsync();
        using var browser = new OidcBrowser();
        await OidcLoginTests.LoginAsync(browser, host, "oidc", "alice");
        Assert.Equal(HttpStatusCode.OK, (await host.JwtAsync(browser)).Status);

        var confirm = await browser.NavigateAsync(new Uri(oidc.Issuer, "/session/end?client_id=" + OidcProviderFixture.ClientId));
        var form = OidcBrowser.HiddenInputs(confirm.Body).ToDictionary();
        form["logout"] = "yes";
        await browser.PostFormAsync(new Uri(confirm.Url, OidcBrowser.FormAction(confirm.Body)), form, u => u.Port != oidc.Issuer.Port);

        Assert.Equal(HttpStatusCode.Unauthorized, await host.JwtOnceRevokedAsync(browser));
        var delivered = Assert.Single(host.LogoutTokens);
        using var http = new HttpClient();
        using var replay = await http.PostAsync(
            host.Url("/oauth2/backchannel-logout/oidc"),
            new FormUrlEncodedContent([new("logout_token", delivered)]),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("logout_token_replayed", await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackchannelLogout_ForgedToken_RefusedSessionKept()
    {
        await using var host = await new OidcLoginTests(redis, oidc).StartAsync();
        using var browser = new OidcBrowser();
        await OidcLoginTests.LoginAsync(browser, host, "oidc", "alice");
        using var rsa = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = oidc.Issuer.ToString().TrimEnd('/'),
            Audience = OidcProviderFixture.ClientId,
            TokenType = "logout+jwt",
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "alice",
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/backchannel-logout"] = new Dictionary<string, object>() },
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "forged" }, SecurityAlgorithms.RsaSha256),
        });
        using var http = new HttpClient();

        using var response = await http.PostAsync(
            host.Url("/oauth2/backchannel-logout/oidc"),
            new FormUrlEncodedContent([new("logout_token", forged)]),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_logout_token", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.JwtAsync(browser)).Status);
    }
}
