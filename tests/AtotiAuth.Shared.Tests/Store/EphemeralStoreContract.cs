using AtotiAuth.Shared.Store;
using AtotiAuth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>What every <see cref="IEphemeralStore"/> does; each implementation inherits all of it (STYLE.md §20).</summary>
public abstract class EphemeralStoreContract
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    protected FakeTimeProvider Time { get; } = TestClock.Create();

    /// <summary>A store using <see cref="Time"/>; stores created by one test share their data (two replicas).</summary>
    protected abstract IEphemeralStore CreateStore();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetOrAdd_NothingStored_StoresAndReturnsTheValue()
    {
        var store = CreateStore();

        Assert.Equal("first", await store.GetOrAddAsync("key", "first", Day, Cancel));
        Assert.Equal("first", await store.GetOrAddAsync("key", "second", Day, Cancel));
    }

    [Fact]
    public async Task GetOrAdd_TwoReplicasRacing_AgreeOnOneValue()
    {
        var one = CreateStore();
        var two = CreateStore();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? one : two).GetOrAddAsync("key", $"value-{i}", Day, Cancel)));

        Assert.Single(answers.Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetOrAdd_KeysApart_KeptApart()
    {
        var store = CreateStore();

        await store.GetOrAddAsync("key-1", "one", Day, Cancel);

        Assert.Equal("two", await store.GetOrAddAsync("key-2", "two", Day, Cancel));
        Assert.Equal("one", await store.GetOrAddAsync("key-1", "other", Day, Cancel));
    }

    [Fact]
    public async Task AddToSet_ThenGetSet_ReturnsMembers()
    {
        var store = CreateStore();

        await store.AddToSetAsync("set", "a", Day, Cancel);
        await store.AddToSetAsync("set", "b", Day, Cancel);

        Assert.Equal(["a", "b"], (await store.GetSetAsync("set", Cancel)).Order(StringComparer.Ordinal));
        Assert.Empty(await store.GetSetAsync("other", Cancel));
    }

    [Fact]
    public async Task TryMark_Twice_SecondIsRefused()
    {
        var store = CreateStore();

        Assert.True(await store.TryMarkAsync("jti-1", Day, Cancel));
        Assert.False(await store.TryMarkAsync("jti-1", Day, Cancel));
        Assert.True(await store.TryMarkAsync("jti-2", Day, Cancel));
    }
}
