using System.Net;
using System.Net.Http.Json;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// Issue 16's admin console over HTTP: who gets the page, its strict policy, and the admin API's
/// refusal of cookie-authenticated writes that do not come from the service's own origin.
/// </summary>
public sealed class AdminConsoleTests(RedisFixture redis)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Console_AnonymousNonAdminAndAdmin_GetLoginForbiddenPageAndConsole()
    {
        await using var app = new IdentityApp(redis);
        using var anonymous = app.CreateClient();
        using var redirected = await anonymous.GetAsync(new Uri("/admin/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/login?redirectUrl=%2Fadmin%2F", redirected.Headers.Location?.OriginalString);

        using var alice = app.CreateClient();
        using (await IdentityApp.LoginWithFormAsync(alice, "alice", IdentityApp.AlicePassword)) { }
        using var refused = await alice.GetAsync(new Uri("/admin/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var page = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-code=\"missing_role\"", page, StringComparison.Ordinal);
        Assert.Contains("<strong>alice</strong>", page, StringComparison.Ordinal);

        using var admin = app.CreateClient();
        using (await IdentityApp.LoginWithFormAsync(admin, "admin", IdentityApp.AdminPassword)) { }
        using var console = await admin.GetAsync(new Uri("/admin/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        var policy = console.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        var html = await console.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        foreach (var file in new[] { "console.js", "links.js", "audit.js" })
        {
            Assert.Contains($"src=\"/admin/console/{file}\"", html, StringComparison.Ordinal);
            using var script = await anonymous.GetAsync(new Uri("/admin/console/" + file, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }

        using var other = await anonymous.GetAsync(new Uri("/admin/console/..%2Fappsettings.json", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("https://auth.example.test.evil.example", HttpStatusCode.Forbidden)]
    [InlineData("https://auth.example.test", HttpStatusCode.Created)]
    public async Task AdminApi_CookieWrite_NeedsOwnOrigin(string? origin, HttpStatusCode expected)
    {
        await using var app = new IdentityApp(redis);
        using var admin = app.CreateClient();
        using (await IdentityApp.LoginWithFormAsync(admin, "admin", IdentityApp.AdminPassword)) { }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/users", UriKind.Relative))
        {
            Content = JsonContent.Create(new { userName = "dave", password = "dave-Pa55word!" }),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await admin.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("\"code\":\"cross_site_admin\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }
}
