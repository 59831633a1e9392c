using System.Net;
using System.Net.Http.Json;
using AtotiAuth.Identity.Admin;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>
/// The admin listings come from a copy kept for <see cref="AdminListCache.Lifetime"/>: two replicas on
/// one Redis, each reading its own writes at once and the other's within the lifetime.
/// </summary>
public sealed class AdminListingTests(RedisFixture redis)
{
    private static readonly string[] CarolRoles = ["ROLE_CAROL"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listing_OwnWrites_ShowAtOnce()
    {
        await using var app = new IdentityApp(redis);
        using var admin = Admin(app);
        Assert.DoesNotContain("\"carol\"", await UsersAsync(admin), StringComparison.Ordinal);

        using var created = await admin.PostAsJsonAsync("/admin/users", new { userName = "carol", password = "carol-first-pw" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("\"userName\":\"carol\"", await UsersAsync(admin), StringComparison.Ordinal);

        using var roles = await admin.PutAsJsonAsync("/admin/roles/individual/carol", new { roles = CarolRoles }, Ct);
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Contains("ROLE_CAROL", await UsersAsync(admin), StringComparison.Ordinal);
        Assert.Contains("ROLE_CAROL", await admin.GetStringAsync(new Uri("/admin/roles/individual", UriKind.Relative), Ct), StringComparison.Ordinal);

        using var deleted = await admin.DeleteAsync(new Uri("/admin/users/carol", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain("\"userName\":\"carol\"", await UsersAsync(admin), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_AnotherReplicasWrite_ShowsOnceTheCopyIsOlderThanItsLifetime()
    {
        await using var first = new IdentityApp(redis);
        await using var second = new IdentityApp(redis, keyPrefix: first.KeyPrefix);
        using var firstAdmin = Admin(first);
        using var secondAdmin = Admin(second);
        Assert.DoesNotContain("\"dave\"", await UsersAsync(firstAdmin), StringComparison.Ordinal);

        using var created = await secondAdmin.PostAsJsonAsync("/admin/users", new { userName = "dave", password = "dave-first-pw" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Task.Delay(AdminListCache.Lifetime + TimeSpan.FromMilliseconds(100), Ct);

        Assert.Contains("\"userName\":\"dave\"", await UsersAsync(firstAdmin), StringComparison.Ordinal);
    }

    private static Task<string> UsersAsync(HttpClient admin) => admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative), Ct);

    private static HttpClient Admin(IdentityApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        return client;
    }
}
