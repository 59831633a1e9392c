using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

public sealed class RedirectTests(RedisFixture redis)
{
    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https:evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("data:text/html,x")]
    [InlineData("https://ui.example.test@evil.example/")]
    [InlineData("https://ui.example.test.evil.example/")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/ui/\r\nSet-Cookie: x=y")]
    public async Task Login_MaliciousRedirectUrl_ShowsErrorAndLandsOnDefault(string redirectUrl)
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();

        using var page = await client.GetAsync(new Uri("/login?redirectUrl=" + Uri.EscapeDataString(redirectUrl), UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var login = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword, redirectUrl);

        Assert.Contains("data-code=\"invalid_redirect_url\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"redirectUrl\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Login_BasicWithMaliciousRedirectUrl_LandsOnDefault(string redirectUrl)
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login?redirectUrl=" + Uri.EscapeDataString(redirectUrl))
        {
            Headers = { Authorization = IdentityApp.Basic("alice", IdentityApp.AlicePassword) },
        };

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_AllowedRemoteOrigin_RedirectsThere()
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();

        using var login = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword, "https://ui.example.test/#/dashboard");

        Assert.Equal("https://ui.example.test/#/dashboard", login.Headers.Location?.OriginalString);
    }
}
