using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary><c>private_key_jwt</c> (RFC 7523) against the real provider, whose client knows only our public JWK.</summary>
[Collection(nameof(OidcLoginTests))]
public sealed class OidcClientAuthenticationTests(RedisFixture redis, OidcProviderFixture oidc)
{
    [Fact]
    public async Task Login_PrivateKeyJwtClient_SessionAndJwt()
    {
        await OidcProviderSetup.EnsureClientsAsync(oidc);
        await using var host = await new OidcLoginTests(redis, oidc).StartAsync(extra: new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Oidc:Providers:keyjwt:IssuerUrl"] = oidc.Issuer.ToString().TrimEnd('/'),
            ["AtotiAuth:Identity:Oidc:Providers:keyjwt:ClientId"] = OidcProviderSetup.KeyClientId,
            ["AtotiAuth:Identity:Oidc:Providers:keyjwt:ClientAuthentication"] = "PrivateKeyJwt",
            ["AtotiAuth:Identity:Oidc:Providers:keyjwt:ClientKeyFile"] = OidcProviderSetup.KeyClientKeyFile,
            ["AtotiAuth:Identity:Oidc:Providers:keyjwt:DefaultRoles:0"] = "ROLE_USER",
        });
        using var browser = new OidcBrowser();

        var page = await OidcLoginTests.LoginAsync(browser, host, "keyjwt", "alice");

        Assert.True(page.Status == HttpStatusCode.Redirect, $"{page.Status}: {OidcBrowser.ErrorCode(page.Body)}");
        Assert.Equal(HttpStatusCode.OK, (await host.JwtAsync(browser)).Status);
    }
}
