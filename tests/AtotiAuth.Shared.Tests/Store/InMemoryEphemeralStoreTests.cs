using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.InMemory;

namespace AtotiAuth.Shared.Tests.Store;

public sealed class InMemoryEphemeralStoreTests : EphemeralStoreContract
{
    private InMemoryEphemeralStore? _store;

    protected override IEphemeralStore CreateStore() => _store ??= new InMemoryEphemeralStore(Time);

    [Fact]
    public async Task GetOrAdd_AfterItsTimeToLive_StoresTheNewValue()
    {
        var store = CreateStore();
        await store.GetOrAddAsync("key", "first", TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("second", await store.GetOrAddAsync("key", "second", TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));
    }
}
