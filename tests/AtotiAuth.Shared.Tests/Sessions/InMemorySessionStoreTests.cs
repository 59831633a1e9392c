using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.InMemory;

namespace AtotiAuth.Shared.Tests.Sessions;

public sealed class InMemorySessionStoreTests : SessionStoreContract
{
    protected override (ISessionStore Sessions, IRevocationStore Revocations) CreateStores()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Timeouts);
        var revocations = new InMemoryRevocationStore(options, Time);
        return (new InMemorySessionStore(revocations, options, Time), revocations);
    }
}
