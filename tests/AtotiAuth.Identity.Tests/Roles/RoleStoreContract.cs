using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Identity.Tests.Roles;

/// <summary>What every <see cref="IRoleStore"/> does; each implementation inherits all of it (STYLE.md §20).</summary>
public abstract class RoleStoreContract
{
    /// <summary>An empty store.</summary>
    protected abstract IRoleStore CreateStore();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IndividualRoles_Set_ReturnedDistinctAndSorted()
    {
        var store = CreateStore();

        await store.SetIndividualRolesAsync("basic", "inspire_m@test.com", ["ROLE_USER", "ROLE_ADMIN", "ROLE_USER", "ROLE_a"], Cancel);

        Assert.Equal(["ROLE_ADMIN", "ROLE_USER", "ROLE_a"], await store.GetIndividualRolesAsync("basic", "inspire_m@test.com", Cancel));
    }

    [Fact]
    public async Task IndividualRoles_Unknown_Empty()
    {
        var store = CreateStore();

        Assert.Empty(await store.GetIndividualRolesAsync("basic", "nobody", Cancel));
    }

    [Fact]
    public async Task IndividualRoles_SetAgain_Replaced()
    {
        var store = CreateStore();
        await store.SetIndividualRolesAsync("basic", "alice", ["ROLE_ADMIN"], Cancel);

        await store.SetIndividualRolesAsync("basic", "alice", ["ROLE_USER"], Cancel);

        Assert.Equal(["ROLE_USER"], await store.GetIndividualRolesAsync("basic", "alice", Cancel));
    }

    [Fact]
    public async Task IndividualRoles_SetEmpty_RemovesEntry()
    {
        var store = CreateStore();
        await store.SetIndividualRolesAsync("basic", "alice", ["ROLE_USER"], Cancel);
        await store.SetIndividualRolesAsync("basic", "bob", ["ROLE_USER"], Cancel);

        await store.SetIndividualRolesAsync("basic", "alice", [], Cancel);

        Assert.Empty(await store.GetIndividualRolesAsync("basic", "alice", Cancel));
        Assert.Equal(["bob"], (await store.ListIndividualRolesAsync("basic", Cancel)).Keys);
    }

    [Fact]
    public async Task IndividualRoles_List_SortedByUserNameOrdinally()
    {
        var store = CreateStore();
        await store.SetIndividualRolesAsync("basic", "bob", ["ROLE_USER"], Cancel);
        await store.SetIndividualRolesAsync("basic", "Alice", ["ROLE_ADMIN", "ROLE_USER"], Cancel);
        await store.SetIndividualRolesAsync("basic", "alice", ["ROLE_USER"], Cancel);

        var all = await store.ListIndividualRolesAsync("basic", Cancel);

        Assert.Equal(["Alice", "alice", "bob"], all.Keys);
        Assert.Equal(["ROLE_ADMIN", "ROLE_USER"], all["Alice"]);
    }

    [Fact]
    public async Task RoleMapping_SetPerProvider_KeptApart()
    {
        var store = CreateStore();

        await store.SetRoleMappingAsync("ldap", "ROLE_ATOTI_USER", ["ROLE_USER"], Cancel);
        await store.SetRoleMappingAsync("ldap", "ROLE_ATOTI_ADMIN", ["ROLE_USER", "ROLE_ADMIN"], Cancel);
        await store.SetRoleMappingAsync("oidc:google", "user:alice@example.com", ["ROLE_USER"], Cancel);

        var ldap = await store.GetRoleMappingAsync("ldap", Cancel);
        Assert.Equal(["ROLE_ATOTI_ADMIN", "ROLE_ATOTI_USER"], ldap.Keys);
        Assert.Equal(["ROLE_ADMIN", "ROLE_USER"], ldap["ROLE_ATOTI_ADMIN"]);
        Assert.Equal(["user:alice@example.com"], (await store.GetRoleMappingAsync("oidc:google", Cancel)).Keys);
        Assert.Empty(await store.GetRoleMappingAsync("auth0", Cancel));
    }

    [Fact]
    public async Task RoleMapping_SetEmpty_RemovesEntry()
    {
        var store = CreateStore();
        await store.SetRoleMappingAsync("ldap", "ROLE_ATOTI_USER", ["ROLE_USER"], Cancel);

        await store.SetRoleMappingAsync("ldap", "ROLE_ATOTI_USER", [], Cancel);

        Assert.Empty(await store.GetRoleMappingAsync("ldap", Cancel));
    }

    [Fact]
    public async Task DefaultRoles_SetPerProvider_ReplacedAndKeptApart()
    {
        var store = CreateStore();
        await store.SetDefaultRolesAsync("ldap", ["ROLE_ADMIN"], Cancel);

        await store.SetDefaultRolesAsync("ldap", ["ROLE_USER", "ROLE_GUEST"], Cancel);

        Assert.Equal(["ROLE_GUEST", "ROLE_USER"], await store.GetDefaultRolesAsync("ldap", Cancel));
        Assert.Empty(await store.GetDefaultRolesAsync("basic", Cancel));
    }

    [Fact]
    public async Task DefaultRoles_SetEmpty_Cleared()
    {
        var store = CreateStore();
        await store.SetDefaultRolesAsync("ldap", ["ROLE_USER"], Cancel);

        await store.SetDefaultRolesAsync("ldap", [], Cancel);

        Assert.Empty(await store.GetDefaultRolesAsync("ldap", Cancel));
    }

    [Fact]
    public async Task IndividualRoles_PerProvider_KeptApart()
    {
        var store = CreateStore();

        await store.SetIndividualRolesAsync("basic", "alice", ["ROLE_ADMIN"], Cancel);
        await store.SetIndividualRolesAsync("ldap", "alice", ["ROLE_USER"], Cancel);

        Assert.Equal(["ROLE_ADMIN"], await store.GetIndividualRolesAsync("basic", "alice", Cancel));
        Assert.Equal(["ROLE_USER"], await store.GetIndividualRolesAsync("ldap", "alice", Cancel));
        Assert.Empty(await store.GetIndividualRolesAsync("oidc:google", "alice", Cancel));
        Assert.Equal(["alice"], (await store.ListIndividualRolesAsync("ldap", Cancel)).Keys);
    }

    [Fact]
    public async Task Links_SetListedAndRemoved()
    {
        var store = CreateStore();
        var sso = new PrincipalId("oidc:google", "alice@example.com");
        var basic = new PrincipalId("basic", "alice");

        await store.SetLinkAsync(sso, basic, Cancel);

        Assert.Equal(basic, await store.GetLinkAsync(sso, Cancel));
        Assert.Null(await store.GetLinkAsync(basic, Cancel));
        Assert.Equal(basic, Assert.Single(await store.ListLinksAsync(Cancel)).Value);

        await store.SetLinkAsync(sso, null, Cancel);

        Assert.Null(await store.GetLinkAsync(sso, Cancel));
        Assert.Empty(await store.ListLinksAsync(Cancel));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task IndividualRoles_BlankRoleName_Throws(string role)
    {
        var store = CreateStore();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SetIndividualRolesAsync("basic", "alice", ["ROLE_USER", role], Cancel));

        Assert.Empty(await store.GetIndividualRolesAsync("basic", "alice", Cancel));
    }
}
