using System.Net;
using AtotiAuth.Testing;
using AtotiAuth.Token;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>The remote Atoti UI at HTTP level: identity and token services on one Redis and key prefix.</summary>
public sealed class RemoteUiFlowTests(RedisFixture redis)
{
    [Fact]
    public async Task RemoteUi_JwtLoginJwtLogoutJwt_FollowsTheAtotiContract()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var identity = new IdentityApp(redis);
        await using var token = new WebApplicationFactory<TokenServiceMarker>().WithWebHostBuilder(b =>
        {
            b.UseSetting("AtotiAuth:Store:Redis", redis.ConnectionString);
            b.UseSetting("AtotiAuth:Store:KeyPrefix", identity.KeyPrefix);
            b.UseSetting("AtotiAuth:Token:Issuer", IdentityApp.BaseAddress.ToString());
            b.UseSetting("AtotiAuth:Token:Signing:GenerateEphemeralKey", "true");
            b.UseSetting("AtotiAuth:Cors:AllowedOrigins:0", "https://ui.example.test");
        });
        using var jwtClient = token.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = IdentityApp.BaseAddress, HandleCookies = false });
        using var browser = identity.CreateClient();

        using var before = await jwtClient.SendAsync(Jwt(null), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.DoesNotContain(before.Headers.WwwAuthenticate, static h => h.Scheme == "Basic");

        using var login = await IdentityApp.LoginWithFormAsync(browser, "alice", IdentityApp.AlicePassword, "https://ui.example.test/app/");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("https://ui.example.test/app/", login.Headers.Location?.OriginalString);
        var cookie = IdentityApp.SessionSetCookie(login)!.Split(';')[0];

        using var during = await jwtClient.SendAsync(Jwt(cookie), ct);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Contains("\"token\":", await during.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        using var logout = await browser.SendAsync(LogoutTests.Request("GET", "/logout", "cross-site", "document", null, "https://ui.example.test/app/"), ct);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var after = await jwtClient.SendAsync(Jwt(cookie), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private static HttpRequestMessage Jwt(string? cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/jwt");
        request.Headers.Add("Origin", "https://ui.example.test");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }
}
