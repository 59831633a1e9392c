using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Store.InMemory;

namespace AtotiAuth.Identity.Tests.Users;

public sealed class InMemoryUserStoreTests : UserStoreContract
{
    protected override IUserStore CreateStore() => new InMemoryUserStore();
}
