using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.InMemory;

namespace AtotiAuth.Shared.Tests.Sessions;

public sealed class InMemoryRevocationStoreTests : RevocationStoreContract
{
    private IRevocationStore? _store;

    protected override IRevocationStore CreateStore() => _store ??= new InMemoryRevocationStore(Microsoft.Extensions.Options.Options.Create(Timeouts), Time);
}
