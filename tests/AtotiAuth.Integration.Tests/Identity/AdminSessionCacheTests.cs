using System.Net;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// The admin API reads the session cookie through the shared session cache: a checked session is reused
/// for a few seconds, and a revocation still refuses it at once, on this replica and on the others.
/// </summary>
public sealed class AdminSessionCacheTests(RedisFixture redis)
{
    private static readonly Dictionary<string, string?> LongCache = new() { ["AtotiAuth:Session:CacheDuration"] = "00:01:00" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_SessionRevokedOnThisReplica_NextRequestRefused()
    {
        await using var app = new IdentityApp(redis, LongCache);
        using var client = app.CreateClient();
        var sessionId = await LogInAdminAsync(app, client);
        await WaitUntilCachedAsync(app, client);

        Assert.True(await app.Get<ISessionStore>().RevokeAsync(sessionId, Ct));
        using var after = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Admin_SessionRevokedOnAnotherReplica_RefusedWithinMilliseconds()
    {
        await using var app = new IdentityApp(redis, LongCache);
        await using var other = new IdentityApp(redis, LongCache, app.KeyPrefix);
        using var client = app.CreateClient();
        var sessionId = await LogInAdminAsync(app, client);
        await WaitUntilCachedAsync(app, client);

        Assert.True(await other.Get<ISessionStore>().RevokeAsync(sessionId, Ct));

        // Over Redis pub/sub: far before the minute the cached entry would otherwise live.
        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 50 && status == HttpStatusCode.OK; attempt++)
        {
            using var after = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
            status = after.StatusCode;
            if (status == HttpStatusCode.OK)
            {
                await Task.Delay(20, Ct);
            }
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private static async Task<string> LogInAdminAsync(IdentityApp app, HttpClient client)
    {
        using var login = await IdentityApp.LoginWithFormAsync(client, "admin", IdentityApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return Assert.Single(await app.Get<ISessionStore>().ListByUserAsync("basic", "admin", Ct)).Id;
    }

    /// <summary>Admin reads until one is answered from the cache (the subscription is confirmed shortly after start).</summary>
    private static async Task WaitUntilCachedAsync(IdentityApp app, HttpClient client)
    {
        var cache = app.Get<SessionCache>();
        for (var attempt = 0; attempt < 100 && cache.Count == 0; attempt++)
        {
            using var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (cache.Count == 0)
            {
                await Task.Delay(50, Ct);
            }
        }

        Assert.Equal(1, cache.Count);
    }
}
