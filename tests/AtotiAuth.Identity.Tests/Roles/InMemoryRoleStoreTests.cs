using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Store.InMemory;

namespace AtotiAuth.Identity.Tests.Roles;

public sealed class InMemoryRoleStoreTests : RoleStoreContract
{
    protected override IRoleStore CreateStore() => new InMemoryRoleStore();
}
