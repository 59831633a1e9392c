using AtotiAuth.Shared.Store.InMemory;
using AtotiAuth.Shared.Throttling;

namespace AtotiAuth.Shared.Tests.Throttling;

public sealed class InMemoryLoginAttemptStoreTests : LoginAttemptStoreContract
{
    protected override ILoginAttemptStore CreateStore() => new InMemoryLoginAttemptStore(Time);
}
