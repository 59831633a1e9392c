using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

public sealed class LoginTests(RedisFixture redis)
{
    [Fact]
    public async Task Login_FormWithGoodPassword_SetsSessionCookieAndRedirects()
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();

        using var response = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword, "/ui/dashboards?id=7");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/dashboards?id=7", response.Headers.Location?.OriginalString);
        var cookie = IdentityApp.SessionSetCookie(response);
        Assert.NotNull(cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        var sessions = await app.Get<ISessionStore>().ListByUserAsync("basic", "alice", TestContext.Current.CancellationToken);
        var session = Assert.Single(sessions);
        Assert.Equal(["ROLE_USER"], session.Roles);
    }

    [Fact]
    public async Task LoginPage_Get_IsAccessibleFormWithAntiforgery()
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/login/index.html?redirectUrl=%2Fui%2F", UriKind.Relative), TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<label for=\"username\">", page, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"current-password\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"redirectUrl\" value=\"/ui/\"", page, StringComparison.Ordinal);
        Assert.NotEmpty(IdentityApp.AntiforgeryToken(page));
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_FormWithoutAntiforgeryToken_IsRefused()
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "alice", ["password"] = IdentityApp.AlicePassword });

        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-code=\"antiforgery_failed\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Null(IdentityApp.SessionSetCookie(response));
    }

    [Theory]
    [InlineData("alice", "wrong-password")]
    [InlineData("nobody", "wrong-password")]
    [InlineData("sleeper", "sleeper-Pa55word!")]
    public async Task Login_FormWithBadCredentials_ShowsOneGenericError(string userName, string password)
    {
        await using var app = new IdentityApp(redis);
        await DeactivateSleeperAsync(app);
        using var client = app.CreateClient();

        using var response = await IdentityApp.LoginWithFormAsync(client, userName, password);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("data-code=\"invalid_credentials\"", page, StringComparison.Ordinal);
        Assert.Contains("The user name or password is incorrect.", page, StringComparison.Ordinal);
        Assert.Null(IdentityApp.SessionSetCookie(response));
    }

    [Fact]
    public async Task Login_BasicWithWrongPasswordUnknownOrInactiveUser_AnswersIdentically()
    {
        await using var app = new IdentityApp(redis);
        await DeactivateSleeperAsync(app);
        using var client = app.CreateClient();

        var answers = new List<string>();
        foreach (var (user, password) in new[] { ("alice", "wrong"), ("nobody", "wrong"), ("sleeper", "sleeper-Pa55word!") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Headers = { Authorization = IdentityApp.Basic(user, password) } };
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
            body.Remove("traceId");
            answers.Add($"{(int)response.StatusCode} {body.ToJsonString()}");
        }

        Assert.Single(answers.Distinct());
        Assert.StartsWith("401 ", answers[0], StringComparison.Ordinal);
        Assert.Contains("\"code\":\"invalid_credentials\"", answers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_BasicHeaderInFormMode_GetsCookieWithoutPage()
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Headers = { Authorization = IdentityApp.Basic("alice", IdentityApp.AlicePassword) } };

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(IdentityApp.SessionSetCookie(response));
    }

    [Fact]
    public async Task Login_Twice_StartsNewSessionAndRevokesTheOld()
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();
        var store = app.Get<ISessionStore>();

        using var first = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword);
        var firstId = Assert.Single(await store.ListByUserAsync("basic", "alice", TestContext.Current.CancellationToken)).Id;
        using var second = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword);
        var secondId = Assert.Single(await store.ListByUserAsync("basic", "alice", TestContext.Current.CancellationToken)).Id;

        Assert.NotEqual(firstId, secondId);
        Assert.NotEqual(IdentityApp.SessionSetCookie(first), IdentityApp.SessionSetCookie(second));
        Assert.Null(await store.GetAsync(firstId, TestContext.Current.CancellationToken));
        Assert.True(await app.Get<IRevocationStore>().IsRevokedAsync(firstId, TestContext.Current.CancellationToken));
    }

    private static async Task DeactivateSleeperAsync(IdentityApp app)
    {
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        using var created = await admin.PostAsJsonAsync("/admin/users", new { userName = "sleeper", password = "sleeper-Pa55word!" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var status = await admin.PutAsJsonAsync("/admin/users/sleeper/status", new { status = "Inactive" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
    }
}
