using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Store.InMemory;

namespace AtotiAuth.Shared.Tests.Roles;

public sealed class InMemoryRoleStoreTests : RoleStoreContract
{
    protected override IRoleStore CreateStore() => new InMemoryRoleStore();
}
