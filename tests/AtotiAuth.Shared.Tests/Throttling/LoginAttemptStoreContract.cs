using AtotiAuth.Shared.Tests.Store;
using AtotiAuth.Shared.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Shared.Tests.Throttling;

/// <summary>What every <see cref="ILoginAttemptStore"/> does; each implementation inherits all of it (STYLE.md §20).</summary>
public abstract class LoginAttemptStoreContract
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    protected FakeTimeProvider Time { get; } = TestClock.Create();

    /// <summary>An empty store using <see cref="Time"/>.</summary>
    protected abstract ILoginAttemptStore CreateStore();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Increment_Repeated_CountsUp()
    {
        var store = CreateStore();

        Assert.Equal(1, await store.IncrementAsync("user:alice", Window, Cancel));
        Assert.Equal(2, await store.IncrementAsync("user:alice", Window, Cancel));
        Assert.Equal(3, await store.IncrementAsync("user:alice", Window, Cancel));

        Assert.Equal(3, await store.GetAsync("user:alice", Cancel));
    }

    [Fact]
    public async Task Get_Unknown_ReturnsZero()
    {
        var store = CreateStore();

        Assert.Equal(0, await store.GetAsync("user:nobody", Cancel));
    }

    [Fact]
    public async Task Increment_KeysApart_CountedApart()
    {
        var store = CreateStore();
        await store.IncrementAsync("user:alice", Window, Cancel);
        await store.IncrementAsync("user:alice", Window, Cancel);

        Assert.Equal(1, await store.IncrementAsync("ip:192.0.2.1", Window, Cancel));
        Assert.Equal(2, await store.GetAsync("user:alice", Cancel));
    }

    [Fact]
    public async Task Increment_AfterWindow_StartsAgain()
    {
        var store = CreateStore();
        await store.IncrementAsync("user:alice", Window, Cancel);
        Time.Advance(Window - TimeSpan.FromSeconds(1));
        await store.IncrementAsync("user:alice", Window, Cancel);

        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, await store.GetAsync("user:alice", Cancel));
        Assert.Equal(1, await store.IncrementAsync("user:alice", Window, Cancel));
    }

    [Fact]
    public async Task Reset_Counted_ForgetsCount()
    {
        var store = CreateStore();
        await store.IncrementAsync("user:alice", Window, Cancel);

        await store.ResetAsync("user:alice", Cancel);

        Assert.Equal(0, await store.GetAsync("user:alice", Cancel));
        Assert.Equal(1, await store.IncrementAsync("user:alice", Window, Cancel));
    }
}
