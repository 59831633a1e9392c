using System.Net;
using System.Net.Http.Json;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Identity;

/// <summary>The admin listings are read from the store at every request and say each principal's provider (issues 16, 17, 22).</summary>
public sealed class AdminListingTests(RedisFixture redis)
{
    private static readonly string[] CarolRoles = ["ROLE_CAROL"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listing_AnotherReplicasWrites_ShowAtOnce()
    {
        await using var first = new IdentityApp(redis);
        await using var second = new IdentityApp(redis, keyPrefix: first.KeyPrefix);
        using var firstAdmin = Admin(first);
        using var secondAdmin = Admin(second);
        Assert.DoesNotContain("\"carol\"", await UsersAsync(firstAdmin), StringComparison.Ordinal);

        using var created = await secondAdmin.PostAsJsonAsync("/admin/users", new { userName = "carol", password = "carol-first-password" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("\"userName\":\"carol\",\"provider\":\"basic\"", await UsersAsync(firstAdmin), StringComparison.Ordinal);

        using var roles = await secondAdmin.PutAsJsonAsync("/admin/providers/basic/users/carol/roles", new { roles = CarolRoles }, Ct);
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Contains("ROLE_CAROL", await UsersAsync(firstAdmin), StringComparison.Ordinal);
        Assert.Contains("ROLE_CAROL", await firstAdmin.GetStringAsync(new Uri("/admin/providers/basic/individual-roles", UriKind.Relative), Ct), StringComparison.Ordinal);

        using var deleted = await secondAdmin.DeleteAsync(new Uri("/admin/users/carol", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain("\"userName\":\"carol\"", await UsersAsync(firstAdmin), StringComparison.Ordinal);
        Assert.DoesNotContain("carol", await firstAdmin.GetStringAsync(new Uri("/admin/providers/basic/individual-roles", UriKind.Relative), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_SetOnOneReplica_ListedOnAnotherUntilRemoved()
    {
        await using var first = new IdentityApp(redis);
        await using var second = new IdentityApp(redis, keyPrefix: first.KeyPrefix);
        using var firstAdmin = Admin(first);
        using var secondAdmin = Admin(second);
        Assert.Equal("[]", await LinksAsync(firstAdmin));

        using var set = await secondAdmin.PutAsJsonAsync("/admin/providers/oidc:corp/users/dave@corp.example/link", new { provider = "ldap", userName = "dave" }, Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using var other = await secondAdmin.PutAsJsonAsync("/admin/providers/basic/users/erin/link", new { provider = "ldap", userName = "erin" }, Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(
            """[{"principal":{"provider":"basic","userName":"erin"},"target":{"provider":"ldap","userName":"erin"}},"""
            + """{"principal":{"provider":"oidc:corp","userName":"dave@corp.example"},"target":{"provider":"ldap","userName":"dave"}}]""",
            await LinksAsync(firstAdmin));

        using var removed = await secondAdmin.DeleteAsync(new Uri("/admin/providers/oidc:corp/users/dave@corp.example/link", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain("dave", await LinksAsync(firstAdmin), StringComparison.Ordinal);
        Assert.Contains("erin", await LinksAsync(firstAdmin), StringComparison.Ordinal);
    }

    private static Task<string> LinksAsync(HttpClient admin) => admin.GetStringAsync(new Uri("/admin/links", UriKind.Relative), Ct);

    private static Task<string> UsersAsync(HttpClient admin) => admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative), Ct);

    private static HttpClient Admin(IdentityApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        return client;
    }
}
