using AtotiAuth.Shared.Roles;

namespace AtotiAuth.Shared.Tests.Roles;

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

        await store.SetIndividualRolesAsync("inspire_m@test.com", ["ROLE_USER", "ROLE_ADMIN", "ROLE_USER", "ROLE_a"], Cancel);

        Assert.Equal(["ROLE_ADMIN", "ROLE_USER", "ROLE_a"], await store.GetIndividualRolesAsync("inspire_m@test.com", Cancel));
    }

    [Fact]
    public async Task IndividualRoles_Unknown_Empty()
    {
        var store = CreateStore();

        Assert.Empty(await store.GetIndividualRolesAsync("nobody", Cancel));
    }

    [Fact]
    public async Task IndividualRoles_SetAgain_Replaced()
    {
        var store = CreateStore();
        await store.SetIndividualRolesAsync("alice", ["ROLE_ADMIN"], Cancel);

        await store.SetIndividualRolesAsync("alice", ["ROLE_USER"], Cancel);

        Assert.Equal(["ROLE_USER"], await store.GetIndividualRolesAsync("alice", Cancel));
    }

    [Fact]
    public async Task IndividualRoles_SetEmpty_RemovesEntry()
    {
        var store = CreateStore();
        await store.SetIndividualRolesAsync("alice", ["ROLE_USER"], Cancel);
        await store.SetIndividualRolesAsync("bob", ["ROLE_USER"], Cancel);

        await store.SetIndividualRolesAsync("alice", [], Cancel);

        Assert.Empty(await store.GetIndividualRolesAsync("alice", Cancel));
        Assert.Equal(["bob"], (await store.ListIndividualRolesAsync(Cancel)).Keys);
    }

    [Fact]
    public async Task IndividualRoles_List_SortedByUserNameOrdinally()
    {
        var store = CreateStore();
        await store.SetIndividualRolesAsync("bob", ["ROLE_USER"], Cancel);
        await store.SetIndividualRolesAsync("Alice", ["ROLE_ADMIN", "ROLE_USER"], Cancel);
        await store.SetIndividualRolesAsync("alice", ["ROLE_USER"], Cancel);

        var all = await store.ListIndividualRolesAsync(Cancel);

        Assert.Equal(["Alice", "alice", "bob"], all.Keys);
        Assert.Equal(["ROLE_ADMIN", "ROLE_USER"], all["Alice"]);
    }

    [Fact]
    public async Task RoleMapping_SetPerProvider_KeptApart()
    {
        var store = CreateStore();

        await store.SetRoleMappingAsync("ldap", "ROLE_ATOTI_USER", ["ROLE_USER"], Cancel);
        await store.SetRoleMappingAsync("ldap", "ROLE_ATOTI_ADMIN", ["ROLE_USER", "ROLE_ADMIN"], Cancel);
        await store.SetRoleMappingAsync("google", "alice@example.com", ["ROLE_USER"], Cancel);

        var ldap = await store.GetRoleMappingAsync("ldap", Cancel);
        Assert.Equal(["ROLE_ATOTI_ADMIN", "ROLE_ATOTI_USER"], ldap.Keys);
        Assert.Equal(["ROLE_ADMIN", "ROLE_USER"], ldap["ROLE_ATOTI_ADMIN"]);
        Assert.Equal(["alice@example.com"], (await store.GetRoleMappingAsync("google", Cancel)).Keys);
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

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task IndividualRoles_BlankRoleName_Throws(string role)
    {
        var store = CreateStore();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SetIndividualRolesAsync("alice", ["ROLE_USER", role], Cancel));

        Assert.Empty(await store.GetIndividualRolesAsync("alice", Cancel));
    }
}
