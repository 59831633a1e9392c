using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// The login form's CSRF defence (signed double-submit cookie plus Fetch Metadata): every refusal is a
/// readable page with its code and no session. Each test brings its own browsers (clients) to one
/// shared host; only the replica test starts two of its own.
/// </summary>
public sealed class LoginFormTests(RedisFixture redis, IdentityAppFixture shared) : IClassFixture<IdentityAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoginPage_Get_SetsHostPrefixedStrictHttpOnlyNonceCookie()
    {
        var app = shared.App;
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/login", UriKind.Relative), Ct);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), static c => c.StartsWith("__Host-ATOTIAUTH_LOGIN_FORM=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoginPage_SecondGet_KeepsTheCookieSoOpenTabsStayValid()
    {
        var app = shared.App;
        using var client = app.CreateClient();
        var firstPage = await client.GetStringAsync(new Uri("/login", UriKind.Relative), Ct);
        using var second = await client.GetAsync(new Uri("/login", UriKind.Relative), Ct);

        Assert.False(second.Headers.Contains("Set-Cookie"));
        using var response = await PostAsync(client, IdentityApp.AntiforgeryToken(firstPage));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Login_FormTokenForged_IsRefused()
    {
        var app = shared.App;
        using var client = app.CreateClient();
        var token = IdentityApp.AntiforgeryToken(await client.GetStringAsync(new Uri("/login", UriKind.Relative), Ct));
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var forged = token[..(dot + 1)] + new string('A', token.Length - dot - 1);

        using var response = await PostAsync(client, forged);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "antiforgery_failed");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("12.AAAA")]
    [InlineData("0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Login_FormTokenMalformedOrExpired_IsRefused(string token)
    {
        var app = shared.App;
        using var client = app.CreateClient();
        await client.GetStringAsync(new Uri("/login", UriKind.Relative), Ct);

        using var response = await PostAsync(client, token);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "antiforgery_failed");
    }

    [Fact]
    public async Task Login_FormTokenOfAnotherBrowser_IsRefused()
    {
        var app = shared.App;
        using var attacker = app.CreateClient();
        using var victim = app.CreateClient();
        var attackersToken = IdentityApp.AntiforgeryToken(await attacker.GetStringAsync(new Uri("/login", UriKind.Relative), Ct));
        await victim.GetStringAsync(new Uri("/login", UriKind.Relative), Ct);

        using var response = await PostAsync(victim, attackersToken);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "antiforgery_failed");
    }

    [Fact]
    public async Task Login_FormTokenWithoutItsCookie_IsRefused()
    {
        var app = shared.App;
        using var page = app.CreateClient();
        using var noCookie = app.CreateClient();
        var token = IdentityApp.AntiforgeryToken(await page.GetStringAsync(new Uri("/login", UriKind.Relative), Ct));

        using var response = await PostAsync(noCookie, token);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "antiforgery_failed");
    }

    [Fact]
    public async Task Login_FormPostedToAnotherReplica_IsAccepted()
    {
        await using var one = new IdentityApp(redis);
        await using var two = new IdentityApp(redis, keyPrefix: one.KeyPrefix);
        using var first = one.CreateClient();
        using var page = await first.GetAsync(new Uri("/login", UriKind.Relative), Ct);
        var nonce = page.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var token = IdentityApp.AntiforgeryToken(await page.Content.ReadAsStringAsync(Ct));
        using var second = two.CreateClient();
        second.DefaultRequestHeaders.Add("Cookie", nonce);

        using var response = await PostAsync(second, token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example.test")]
    [InlineData("Origin", "null")]
    public async Task Login_FormPostedFromAnotherSite_IsRefusedWith403(string header, string value)
    {
        var app = shared.App;
        using var client = app.CreateClient();
        var token = IdentityApp.AntiforgeryToken(await client.GetStringAsync(new Uri("/login", UriKind.Relative), Ct));

        using var response = await PostAsync(client, token, (header, value));

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "cross_site_login");
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "https://auth.example.test")]
    public async Task Login_FormPostedFromOurPage_IsAccepted(string header, string value)
    {
        var app = shared.App;
        using var client = app.CreateClient();
        var token = IdentityApp.AntiforgeryToken(await client.GetStringAsync(new Uri("/login", UriKind.Relative), Ct));

        using var response = await PostAsync(client, token, (header, value));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(IdentityApp.SessionSetCookie(response));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, (string Name, string Value)? header = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["username"] = "alice",
                ["password"] = IdentityApp.AlicePassword,
            }),
        };
        if (header is var (name, value))
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"data-code=\"{code}\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(IdentityApp.SessionSetCookie(response));
    }
}
