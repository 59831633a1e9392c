using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>
/// <c>/logout</c> also ending the provider's session (RP-Initiated Logout 1.0) when the provider's
/// <c>RpInitiatedLogout</c> is on, against the real provider: afterwards a new login shows the provider's
/// login page again instead of signing in silently.
/// </summary>
[Collection(nameof(OidcLoginTests))]
public sealed class RpInitiatedLogoutTests(RedisFixture redis, OidcProviderFixture oidc)
{
    [Fact]
    public async Task Logout_RpInitiatedLogoutOn_ProviderSessionEndedToo()
    {
        await using var host = await StartAsync();
        using var browser = new OidcBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await OidcLoginTests.LoginAsync(browser, host, "rp", "alice")).Status);

        var atProvider = await browser.PostFormAsync(host.Url("/logout"), [], u => u.Port == oidc.Issuer.Port);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.JwtAsync(browser)).Status);
        var endSession = atProvider.NextUrl!;
        var query = System.Web.HttpUtility.ParseQueryString(endSession.Query);
        Assert.Equal(OidcProviderFixture.ClientId, query["client_id"]);
        Assert.Equal(host.Url("/login").ToString(), query["post_logout_redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["id_token_hint"]));

        var confirm = await browser.NavigateAsync(endSession);
        var form = OidcBrowser.HiddenInputs(confirm.Body).ToDictionary();
        form["logout"] = "yes";
        var back = await browser.PostFormAsync(new Uri(confirm.Url, OidcBrowser.FormAction(confirm.Body)), form, u => u.Port == host.Port);
        Assert.Equal(host.Url("/login").GetLeftPart(UriPartial.Path), back.NextUrl!.GetLeftPart(UriPartial.Path));
        Assert.Equal(query["state"], System.Web.HttpUtility.ParseQueryString(back.NextUrl.Query)["state"]);

        var again = await browser.NavigateAsync(host.Url("/oauth2/authorization/rp"), OidcLoginTests.IsCallback);
        Assert.Null(again.NextUrl);
        Assert.Contains("/interaction/", again.Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_RpInitiatedLogoutOff_OnlyOurSessionEnds()
    {
        await using var host = await StartAsync();
        using var browser = new OidcBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await OidcLoginTests.LoginAsync(browser, host, "oidc", "alice")).Status);

        var loggedOut = await browser.PostFormAsync(host.Url("/logout"), [], u => u.Port == oidc.Issuer.Port || u.AbsolutePath == "/login");

        Assert.Equal(host.Url("/login"), loggedOut.NextUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.JwtAsync(browser)).Status);
        var again = await browser.NavigateAsync(host.Url("/oauth2/authorization/oidc"), OidcLoginTests.IsCallback);
        Assert.NotNull(again.NextUrl);
    }

    private Task<OidcTestHost> StartAsync()
    {
        var issuer = oidc.Issuer.ToString().TrimEnd('/');
        return new OidcLoginTests(redis, oidc).StartAsync(extra: new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Oidc:Providers:rp:IssuerUrl"] = issuer,
            ["AtotiAuth:Identity:Oidc:Providers:rp:ClientId"] = OidcProviderFixture.ClientId,
            ["AtotiAuth:Identity:Oidc:Providers:rp:ClientSecret"] = OidcProviderFixture.ClientSecret,
            ["AtotiAuth:Identity:Oidc:Providers:rp:NameClaim"] = "email",
            ["AtotiAuth:Identity:Oidc:Providers:rp:Scopes:0"] = "openid",
            ["AtotiAuth:Identity:Oidc:Providers:rp:Scopes:1"] = "email",
            ["AtotiAuth:Identity:Oidc:Providers:rp:DefaultRoles:0"] = "ROLE_USER",
            ["AtotiAuth:Identity:Oidc:Providers:rp:RpInitiatedLogout"] = "true",
        });
    }
}
