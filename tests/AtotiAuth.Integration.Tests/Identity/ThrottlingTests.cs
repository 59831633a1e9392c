using System.Net;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

public sealed class ThrottlingTests(RedisFixture redis)
{
    private static readonly Dictionary<string, string?> ThreeFailures = new()
    {
        ["AtotiAuth:Identity:Throttling:MaxFailuresPerUser"] = "3",
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
}
