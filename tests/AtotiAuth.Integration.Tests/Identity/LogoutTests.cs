using System.Net;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

public sealed class LogoutTests(RedisFixture redis)
{
    [Theory]
    [InlineData("GET", "same-origin", "document", null, null)]
    [InlineData("GET", "cross-site", "document", null, "https://ui.example.test/app/")]
    [InlineData("POST", "cross-site", "empty", "https://ui.example.test", null)]
    [InlineData("POST", "same-origin", "document", "https://auth.example.test", null)]
    [InlineData("POST", null, null, null, null)]
    public async Task Logout_FromUsOrAllowedUi_RevokesSessionAndClearsCookie(string method, string? site, string? dest, string? origin, string? referer)
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();
        using var login = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword);
        var store = app.Get<ISessionStore>();
        var sessionId = Assert.Single(await store.ListByUserAsync("basic", "alice", TestContext.Current.CancellationToken)).Id;

        using var response = await client.SendAsync(Request(method, "/logout", site, dest, origin, referer), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location?.OriginalString);
        Assert.Contains("ATOTIAUTH_SESSION=;", IdentityApp.SessionSetCookie(response), StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(sessionId, TestContext.Current.CancellationToken));
        Assert.True(await app.Get<IRevocationStore>().IsRevokedAsync(sessionId, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("GET", "cross-site", "image", null, "https://evil.example/")]
    [InlineData("GET", "cross-site", "script", null, "https://evil.example/")]
    [InlineData("GET", "cross-site", "iframe", null, "https://evil.example/")]
    [InlineData("POST", "cross-site", "document", "https://evil.example", null)]
    [InlineData("POST", "cross-site", "document", "null", null)]
    [InlineData("POST", "cross-site", "document", "https://ui.example.test.evil.example", null)]
    public async Task Logout_CrossSiteForced_IsRefusedAndSessionLives(string method, string? site, string? dest, string? origin, string? referer)
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();
        using var login = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword);
        var store = app.Get<ISessionStore>();
        var sessionId = Assert.Single(await store.ListByUserAsync("basic", "alice", TestContext.Current.CancellationToken)).Id;

        using var response = await client.SendAsync(Request(method, "/logout", site, dest, origin, referer), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("\"code\":\"cross_site_logout\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotNull(await store.GetAsync(sessionId, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("https://evil.example/page")]
    [InlineData(null)]
    public async Task Logout_CrossSiteNavigationWithoutTrustedReferer_AsksToConfirm(string? referer)
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();
        using var login = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword);
        var store = app.Get<ISessionStore>();
        var sessionId = Assert.Single(await store.ListByUserAsync("basic", "alice", TestContext.Current.CancellationToken)).Id;

        using var response = await client.SendAsync(Request("GET", "/logout", "cross-site", "document", null, referer), TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-code=\"logout_confirmation_required\"", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/logout\"", page, StringComparison.Ordinal);
        Assert.NotNull(await store.GetAsync(sessionId, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("https://ui.example.test/bye", "https://ui.example.test/bye")]
    [InlineData("//evil.example", "/login")]
    public async Task Logout_RedirectUrl_OnlyWhenAllowed(string redirectUrl, string expected)
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(
            Request("GET", "/logout?redirectUrl=" + Uri.EscapeDataString(redirectUrl), "same-origin", "document", null, null),
            TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Logout_ConfiguredTarget_IsUsedByDefault()
    {
        await using var app = new IdentityApp(redis, new Dictionary<string, string?> { ["AtotiAuth:Identity:LogoutRedirectUrl"] = "https://ui.example.test/signed-out" });
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Request("POST", "/logout", null, null, null, null), TestContext.Current.CancellationToken);

        Assert.Equal("https://ui.example.test/signed-out", response.Headers.Location?.OriginalString);
    }

    internal static HttpRequestMessage Request(string method, string path, string? site, string? dest, string? origin, string? referer)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (site is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", site);
        }

        if (dest is not null)
        {
            request.Headers.Add("Sec-Fetch-Dest", dest);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        return request;
    }
}
