using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.InMemory;

namespace AtotiAuth.Identity.Tests.Roles;

/// <summary>The resolver against a store: principals stay within their provider unless an admin linked them (issue 22).</summary>
public sealed class RoleResolverStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Resolve_SameNameAtAnotherProvider_PicksUpNothing()
    {
        var store = new InMemoryRoleStore();
        await store.SetIndividualRolesAsync("basic", "admin", ["ROLE_ADMIN"], Cancel);

        var roles = await new RoleResolver(store).ResolveAsync(new RoleResolutionRequest("oidc:corp", "admin", []), Cancel);

        Assert.Empty(roles);
    }

    [Fact]
    public async Task Resolve_Linked_AddsTheTargetsIndividualRoles()
    {
        var store = new InMemoryRoleStore();
        await store.SetIndividualRolesAsync("basic", "alice", ["ROLE_ADMIN"], Cancel);
        await store.SetLinkAsync(new PrincipalId("oidc:corp", "alice@example.com"), new PrincipalId("basic", "alice"), Cancel);

        var linked = await new RoleResolver(store).ResolveAsync(new RoleResolutionRequest("oidc:corp", "alice@example.com", []), Cancel);
        var other = await new RoleResolver(store).ResolveAsync(new RoleResolutionRequest("oidc:corp", "alice", []), Cancel);

        Assert.Equal(["ROLE_ADMIN"], linked);
        Assert.Empty(other);
    }
}
