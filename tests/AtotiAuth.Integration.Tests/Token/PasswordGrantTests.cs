using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AtotiAuth.Integration.Tests.Identity;
using AtotiAuth.Integration.Tests.Ldap;
using AtotiAuth.Standalone;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AtotiAuth.Integration.Tests.Token;

/// <summary>
/// Issue 18: a script gets its JWT with one call, <c>curl -u user:password …/jwt</c>, as from Atoti. The
/// token service hands the credentials to the identity service's login over HTTP (split deployment; its
/// test server here) or in process (the standalone host), against the real Redis and OpenLDAP.
/// </summary>
public sealed class PasswordGrantTests(RedisFixture redis, OpenLdapFixture ldap)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> TokenPaths => ["/jwt", "/activeviam/jwt/rest/v3/token"];

    [Theory]
    [MemberData(nameof(TokenPaths))]
    public async Task Basic_BasicUserOnATokenPath_GetsATokenOfANewSession(string path)
    {
        await using var identity = new IdentityApp(redis);
        await using var token = new TokenApp(redis, identity.KeyPrefix, identity);

        using var response = await SendAsync(token.CreateClient(), path, IdentityApp.Basic("alice", IdentityApp.AlicePassword));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = await ClaimsAsync(response);
        Assert.Equal(("alice", "basic"), (claims["sub"]!.GetValue<string>(), claims["idp"]!.GetValue<string>()));
        Assert.Contains(claims["sid"]!.GetValue<string>(), await SessionIdsAsync(identity, "basic", "alice"));
        Assert.False(response.Headers.Contains("Set-Cookie"), "a script's token call sets no cookie");
    }

    [Theory]
    [MemberData(nameof(TokenPaths))]
    public async Task Basic_LdapUser_GetsATokenWithTheDirectoryRoles(string path)
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap);

        using var response = await SendAsync(app.Token.CreateClient(), path, IdentityApp.Basic("alice", "alice-pass"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var claims = await ClaimsAsync(response);
        Assert.Equal(("alice", "ldap"), (claims["sub"]!.GetValue<string>(), claims["idp"]!.GetValue<string>()));
        Assert.Contains("ROLE_USER", claims["authorities"]!.AsArray().Select(static r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Basic_WrongPasswords_AreRefusedThenLockTheNameAtTheLoginToo()
    {
        await using var identity = new IdentityApp(redis);
        await using var token = new TokenApp(redis, identity.KeyPrefix, identity);
        using var client = token.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SendAsync(client, "/jwt", IdentityApp.Basic("alice", "not-alices-password"));
            Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (wrong.StatusCode, await CodeAsync(wrong)));
            Assert.Empty(wrong.Headers.WwwAuthenticate);
        }

        using var locked = await SendAsync(client, "/jwt", IdentityApp.Basic("alice", IdentityApp.AlicePassword));
        Assert.Equal((HttpStatusCode.TooManyRequests, "login_locked"), (locked.StatusCode, await CodeAsync(locked)));
        Assert.NotNull(locked.Headers.RetryAfter);

        // The same count: the login page refuses the right password too.
        using var login = await IdentityApp.LoginWithFormAsync(identity.CreateClient(), "alice", IdentityApp.AlicePassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
    }

    [Fact]
    public async Task Basic_SessionsOfTheUserRevoked_TheTokenIsRefusedAsRevoked()
    {
        await using var identity = new IdentityApp(redis);
        await using var token = new TokenApp(redis, identity.KeyPrefix, identity);
        using var client = token.CreateClient();
        using var granted = await SendAsync(client, "/jwt", IdentityApp.Basic("alice", IdentityApp.AlicePassword));
        var jwt = (await BodyAsync(granted))["token"]!.GetValue<string>();

        using var admin = identity.CreateClient();
        admin.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        using var revoke = await admin.DeleteAsync(new Uri("/admin/providers/basic/users/alice/sessions", UriKind.Relative), Ct);
        Assert.True(revoke.IsSuccessStatusCode, $"revoking alice's sessions answered {(int)revoke.StatusCode}");

        using var again = await SendAsync(client, "/jwt", new AuthenticationHeaderValue("Bearer", jwt));
        Assert.Equal((HttpStatusCode.Unauthorized, "session_revoked"), (again.StatusCode, await CodeAsync(again)));
    }

    [Fact]
    public async Task Basic_NoIdentityServiceConfigured_MissingCredentials()
    {
        await using var identity = new IdentityApp(redis);
        await using var token = new TokenApp(redis, identity.KeyPrefix);

        using var response = await SendAsync(token.CreateClient(), "/jwt", IdentityApp.Basic("alice", IdentityApp.AlicePassword));

        Assert.Equal((HttpStatusCode.Unauthorized, "missing_credentials"), (response.StatusCode, await CodeAsync(response)));
    }

    [Fact]
    public async Task Basic_StandaloneHost_ChecksThePasswordInProcess()
    {
        var prefix = $"test-standalone-{Guid.NewGuid():N}:";
        await using var standalone = new WebApplicationFactory<StandaloneHostMarker>().WithWebHostBuilder(b =>
        {
            b.UseSetting("AtotiAuth:Store:Redis", redis.ConnectionString);
            b.UseSetting("AtotiAuth:Store:KeyPrefix", prefix);
            b.UseSetting("AtotiAuth:Token:Issuer", IdentityApp.BaseAddress.ToString());
            b.UseSetting("AtotiAuth:Token:Signing:GenerateEphemeralKey", "true");
            b.UseSetting("AtotiAuth:Identity:EmbeddedUi:RootPath", "");
            b.UseSetting("AtotiAuth:Identity:Users:0:Name", "alice");
            b.UseSetting("AtotiAuth:Identity:Users:0:Password", IdentityApp.AlicePassword);
        });
        using var client = standalone.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = IdentityApp.BaseAddress, HandleCookies = false });

        using var granted = await SendAsync(client, "/activeviam/jwt/rest/v3/token", IdentityApp.Basic("alice", IdentityApp.AlicePassword));
        using var refused = await SendAsync(client, "/jwt", IdentityApp.Basic("alice", "not-alices-password"));

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("alice", (await ClaimsAsync(granted))["sub"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_credentials"), (refused.StatusCode, await CodeAsync(refused)));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request, Ct);
    }

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))?["code"]?.GetValue<string>();

    private static async Task<JsonNode> ClaimsAsync(HttpResponseMessage response)
    {
        var payload = (await BodyAsync(response))["token"]!.GetValue<string>().Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!;
    }

    private static async Task<string[]> SessionIdsAsync(IdentityApp identity, string provider, string userName)
    {
        using var admin = identity.CreateClient();
        admin.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        var sessions = JsonNode.Parse(await admin.GetStringAsync(new Uri($"/admin/providers/{provider}/users/{userName}/sessions", UriKind.Relative), Ct))!.AsArray();
        return [.. sessions.Select(static s => s!["id"]!.GetValue<string>())];
    }
}
