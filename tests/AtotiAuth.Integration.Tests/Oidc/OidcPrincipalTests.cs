using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AtotiAuth.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AtotiAuth.Integration.Tests.Oidc;

/// <summary>
/// Issue 22's attacks by OpenID users against the real provider: a name they control never picks up a
/// basic user's roles, a role-mapping key, or an admin's e-mail address they have not verified. In
/// <see cref="OidcLoginTests"/>' collection, whose hosts share the provider's registered port.
/// </summary>
[Collection(nameof(OidcLoginTests))]
public sealed class OidcPrincipalTests(RedisFixture redis, OidcProviderFixture oidc)
{
    /// <summary>keycloak names users by the self-chosen <c>preferred_username</c> and gives everyone ROLE_USER by default.</summary>
    private static readonly Dictionary<string, string?> SelfChosenNames = new()
    {
        ["AtotiAuth:Identity:Oidc:Providers:keycloak:NameClaim"] = "preferred_username",
        ["AtotiAuth:Identity:Oidc:Providers:keycloak:Scopes:2"] = "profile",
        ["AtotiAuth:Identity:Oidc:Providers:keycloak:DefaultRoles:0"] = "ROLE_USER",
    };

    private static readonly string[] UserAndAdmin = ["ROLE_USER", "ROLE_ADMIN"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_UnverifiedEmailOfAnAdmin_RefusedWithoutSession()
    {
        await using var host = await new OidcLoginTests(redis, oidc).StartAsync();
        using (var admin = host.CreateAdminClient())
        {
            using var put = await admin.PutAsJsonAsync("/admin/providers/oidc:google/users/admin@example.com/roles", new { roles = UserAndAdmin }, Ct);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var mallory = new OidcBrowser();
        var page = await OidcLoginTests.LoginAsync(mallory, host, "google", "mallory");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("unverified_email", OidcBrowser.ErrorCode(page.Body));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.JwtAsync(mallory)).Status);
    }

    [Fact]
    public async Task Login_SelfChosenNameOfTheBasicAdmin_GetsNoneOfItsRoles()
    {
        await using var host = await new OidcLoginTests(redis, oidc).StartAsync(extra: SelfChosenNames);
        using var eve = new OidcBrowser();

        var callback = await OidcLoginTests.LoginAsync(eve, host, "keycloak", "eve");
        var (status, body) = await host.JwtAsync(eve);

        Assert.Equal(HttpStatusCode.Redirect, callback.Status);
        Assert.Equal(HttpStatusCode.OK, status);
        var token = Token(body);
        Assert.Equal("root", token.GetPayloadValue<string>("sub"));
        Assert.Equal("oidc:keycloak", token.GetPayloadValue<string>("idp"));
        Assert.Equal(["ROLE_USER"], token.GetPayloadValue<string[]>("authorities"));
    }

    [Fact]
    public async Task Login_NamedAfterAMappingKey_GetsNothingOfTheMapping()
    {
        await using var host = await new OidcLoginTests(redis, oidc).StartAsync(extra: SelfChosenNames);
        using var mapkey = new OidcBrowser();
        using var admin = new OidcBrowser();

        await OidcLoginTests.LoginAsync(mapkey, host, "keycloak", "mapkey");
        await OidcLoginTests.LoginAsync(admin, host, "keycloak", "admin");

        var named = Token((await host.JwtAsync(mapkey)).Body);
        Assert.Equal("ROLE_ATOTI_ADMIN", named.GetPayloadValue<string>("sub"));
        Assert.Equal(["ROLE_USER"], named.GetPayloadValue<string[]>("authorities"));
        Assert.Contains("ROLE_ADMIN", Token((await host.JwtAsync(admin)).Body).GetPayloadValue<string[]>("authorities"));
    }

    private static JsonWebToken Token(string body)
        => new(JsonDocument.Parse(body).RootElement.GetProperty("token").GetString());
}
