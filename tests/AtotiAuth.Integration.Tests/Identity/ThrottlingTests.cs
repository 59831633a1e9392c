using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

public sealed class ThrottlingTests(RedisFixture redis)
{
    private static readonly Dictionary<string, string?> ThreeFailures = new()
    {
        ["AtotiAuth:Identity:Throttling:MaxFailuresPerUserAndAddress"] = "3",
        ["AtotiAuth:Identity:Throttling:Window"] = "00:05:00",
    };

    [Theory]
    [InlineData("alice")]
    [InlineData("nobody")]
    public async Task Login_AfterMaxFailures_IsLockedEvenWithTheRightPassword(string userName)
    {
        await using var app = new IdentityApp(redis, ThreeFailures);
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await IdentityApp.LoginWithFormAsync(client, userName, "wrong-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await IdentityApp.LoginWithFormAsync(client, userName, IdentityApp.AlicePassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("data-code=\"login_locked\"", await locked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Null(IdentityApp.SessionSetCookie(locked));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("nobody")]
    public async Task BasicLogin_AfterMaxFailures_AnswersTheSameForExistingAndUnknownUsers(string userName)
    {
        await using var app = new IdentityApp(redis, ThreeFailures);
        using var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Headers = { Authorization = IdentityApp.Basic(userName, "wrong") } };
            using var failed = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var last = new HttpRequestMessage(HttpMethod.Post, "/login") { Headers = { Authorization = IdentityApp.Basic(userName, IdentityApp.AlicePassword) } };
        using var locked = await client.SendAsync(last, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("300", locked.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("\"code\":\"login_locked\"", await locked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_FailuresBelowTheLimit_StillLetTheRightPasswordIn()
    {
        await using var app = new IdentityApp(redis, ThreeFailures);
        using var client = app.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var failed = await IdentityApp.LoginWithFormAsync(client, "alice", "wrong");
        }

        using var ok = await IdentityApp.LoginWithFormAsync(client, "alice", IdentityApp.AlicePassword);

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }

    [Fact]
    public async Task Login_ThirtyWrongGuessesAtOnce_AtMostTheLimitEvaluated()
    {
        await using var app = new IdentityApp(redis);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Headers = { Authorization = IdentityApp.Basic("alice", "wrong-" + i) } };
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));

        // A 401 is a guess that was evaluated; a 429 was refused before any password was checked.
        Assert.InRange(answers.Count(static s => s == HttpStatusCode.Unauthorized), 1, 5);
        Assert.All(answers, static s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"answered {s}"));
    }

    [Fact]
    public async Task Login_LockedFromOneAddress_StillLetsTheUserInFromAnother()
    {
        await using var app = new IdentityApp(redis, ThreeFailures);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await BasicLoginAsync(app, "alice", "wrong", "198.51.100.7");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var lockedThere = await BasicLoginAsync(app, "alice", IdentityApp.AlicePassword, "198.51.100.7");
        using var elsewhere = await BasicLoginAsync(app, "alice", IdentityApp.AlicePassword, "203.0.113.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, lockedThere.StatusCode);
        Assert.Equal(HttpStatusCode.Found, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Login_Ipv6AddressesOfOneSlash64_ShareTheirLock()
    {
        await using var app = new IdentityApp(redis, ThreeFailures);
        for (var i = 1; i <= 3; i++)
        {
            using var failed = await BasicLoginAsync(app, "alice", "wrong", $"2001:db8:7:7::{i:x}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var sameSlash64 = await BasicLoginAsync(app, "alice", IdentityApp.AlicePassword, "2001:db8:7:7:ffff:ffff:ffff:fffe");
        using var otherSlash64 = await BasicLoginAsync(app, "alice", IdentityApp.AlicePassword, "2001:db8:7:8::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameSlash64.StatusCode);
        Assert.Equal(HttpStatusCode.Found, otherSlash64.StatusCode);
    }

    private static async Task<HttpResponseMessage> BasicLoginAsync(IdentityApp app, string userName, string password, string clientAddress)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Headers = { Authorization = IdentityApp.Basic(userName, password) } };
        request.Headers.Add(IdentityApp.ClientAddressHeader, clientAddress);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
