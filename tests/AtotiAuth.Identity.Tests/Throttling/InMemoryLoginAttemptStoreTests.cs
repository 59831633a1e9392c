using AtotiAuth.Identity.Throttling;
using AtotiAuth.Shared.Store.InMemory;

namespace AtotiAuth.Identity.Tests.Throttling;

public sealed class InMemoryLoginAttemptStoreTests : LoginAttemptStoreContract
{
    protected override ILoginAttemptStore CreateStore() => new InMemoryLoginAttemptStore(Time);
}
