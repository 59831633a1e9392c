using System.Net;
using AtotiAuth.Integration.Tests.Token;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

public sealed class BasicChallengeTests(RedisFixture redis)
{
    private static readonly Dictionary<string, string?> BasicMode = new()
    {
        ["AtotiAuth:Identity:LoginMode"] = "Basic",
        ["AtotiAuth:Identity:Realm"] = "Atoti Realm",
    };

    [Theory]
    [InlineData("/login")]
    [InlineData("/login/index.html?redirectUrl=%2Fui%2F")]
    public async Task Login_BasicModeWithoutCredentials_ChallengesWithRealmAndCode(string path)
    {
        await using var app = new IdentityApp(redis, BasicMode);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Atoti Realm\", charset=\"UTF-8\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("missing_credentials", await response.ReadProblemCodeAsync());
    }

    [Fact]
    public async Task Login_BasicModeGoodCredentials_RedirectsWithCookie()
    {
        await using var app = new IdentityApp(redis, BasicMode);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login?redirectUrl=%2Fui%2F") { Headers = { Authorization = IdentityApp.Basic("alice", IdentityApp.AlicePassword) } };

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/", response.Headers.Location?.OriginalString);
        Assert.NotNull(IdentityApp.SessionSetCookie(response));
    }

    [Theory]
    [InlineData("alice", "wrong")]
    [InlineData("nobody", "wrong")]
    public async Task Login_BasicModeBadCredentials_ChallengesAgain(string userName, string password)
    {
        await using var app = new IdentityApp(redis, BasicMode);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login") { Headers = { Authorization = IdentityApp.Basic(userName, password) } };

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Atoti Realm", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("invalid_credentials", await response.ReadProblemCodeAsync());
        Assert.Null(IdentityApp.SessionSetCookie(response));
    }

    [Fact]
    public async Task Login_MalformedBasicHeader_IsRefused()
    {
        await using var app = new IdentityApp(redis, BasicMode);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic !!!not-base64");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_credentials", await response.ReadProblemCodeAsync());
    }
}
