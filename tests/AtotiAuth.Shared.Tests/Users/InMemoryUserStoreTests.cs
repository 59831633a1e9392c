using AtotiAuth.Shared.Store.InMemory;
using AtotiAuth.Shared.Users;

namespace AtotiAuth.Shared.Tests.Users;

public sealed class InMemoryUserStoreTests : UserStoreContract
{
    protected override IUserStore CreateStore() => new InMemoryUserStore();
}
