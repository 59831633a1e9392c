using AtotiAuth.Identity.Throttling;
using AtotiAuth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Identity.Tests.Throttling;

/// <summary>What every <see cref="ILoginAttemptStore"/> does; each implementation inherits all of it (STYLE.md §20).</summary>
public abstract class LoginAttemptStoreContract
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    protected FakeTimeProvider Time { get; } = TestClock.Create();

    /// <summary>An empty store using <see cref="Time"/>.</summary>
    protected abstract ILoginAttemptStore CreateStore();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryCount_BelowTheLimits_CountsFieldAndTotal()
    {
        var store = CreateStore();

        Assert.Equal(AttemptVerdict.Counted, await store.TryCountAsync("user:ALICE", "192.0.2.1", 5, 100, Window, Cancel));
        Assert.Equal(AttemptVerdict.Counted, await store.TryCountAsync("user:ALICE", "192.0.2.1", 5, 100, Window, Cancel));
        Assert.Equal(AttemptVerdict.Counted, await store.TryCountAsync("user:ALICE", "192.0.2.2", 5, 100, Window, Cancel));

        Assert.Equal(3, await store.GetAsync("user:ALICE", cancellationToken: Cancel));
        Assert.Equal(2, await store.GetAsync("user:ALICE", "192.0.2.1", Cancel));
    }

    [Fact]
    public async Task TryCount_FieldAtItsLimit_RefusedWithoutCounting()
    {
        var store = CreateStore();
        for (var i = 0; i < 3; i++)
        {
            await store.TryCountAsync("user:ALICE", "192.0.2.1", 3, 100, Window, Cancel);
            await store.EndAsync("user:ALICE", "192.0.2.1", AttemptEnd.Failed, Cancel);
        }

        Assert.Equal(AttemptVerdict.FieldLimit, await store.TryCountAsync("user:ALICE", "192.0.2.1", 3, 100, Window, Cancel));
        Assert.Equal(AttemptVerdict.Counted, await store.TryCountAsync("user:ALICE", "192.0.2.2", 3, 100, Window, Cancel));
        Assert.Equal(4, await store.GetAsync("user:ALICE", cancellationToken: Cancel));
    }

    [Fact]
    public async Task TryCount_TotalAtItsLimit_RefusedForEveryField()
    {
        var store = CreateStore();
        await store.TryCountAsync("user:ALICE", "192.0.2.1", 5, 2, Window, Cancel);
        await store.TryCountAsync("user:ALICE", "192.0.2.2", 5, 2, Window, Cancel);
        await store.EndAsync("user:ALICE", "192.0.2.1", AttemptEnd.Failed, Cancel);
        await store.EndAsync("user:ALICE", "192.0.2.2", AttemptEnd.Failed, Cancel);

        Assert.Equal(AttemptVerdict.TotalLimit, await store.TryCountAsync("user:ALICE", "192.0.2.3", 5, 2, Window, Cancel));
        Assert.Equal(AttemptVerdict.Counted, await store.TryCountAsync("user:ALICE", "192.0.2.3", 5, int.MaxValue, Window, Cancel));
    }

    [Fact]
    public async Task TryCount_Concurrent_NeverCountsPastTheLimit()
    {
        var store = CreateStore();

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => store.TryCountAsync("user:ALICE", "192.0.2.1", 5, 100, Window, Cancel)));

        Assert.Equal(5, verdicts.Count(static v => v == AttemptVerdict.Counted));
        Assert.Equal(25, verdicts.Count(static v => v == AttemptVerdict.Busy));
        Assert.Equal(5, await store.GetAsync("user:ALICE", cancellationToken: Cancel));
    }

    [Fact]
    public async Task Get_Unknown_ReturnsZero()
    {
        var store = CreateStore();

        Assert.Equal(0, await store.GetAsync("user:NOBODY", cancellationToken: Cancel));
    }

    [Fact]
    public async Task TryCount_AfterWindow_StartsAgain()
    {
        var store = CreateStore();
        await store.TryCountAsync("user:ALICE", "a", 1, 100, Window, Cancel);
        await store.EndAsync("user:ALICE", "a", AttemptEnd.Failed, Cancel);
        Time.Advance(Window - TimeSpan.FromSeconds(1));
        Assert.Equal(AttemptVerdict.FieldLimit, await store.TryCountAsync("user:ALICE", "a", 1, 100, Window, Cancel));

        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, await store.GetAsync("user:ALICE", cancellationToken: Cancel));
        Assert.Equal(AttemptVerdict.Counted, await store.TryCountAsync("user:ALICE", "a", 1, 100, Window, Cancel));
    }

    [Theory]
    [InlineData(AttemptEnd.Failed, 3, 3)]
    [InlineData(AttemptEnd.Withdrawn, 2, 2)]
    [InlineData(AttemptEnd.Succeeded, 2, 0)]
    public async Task End_AsTheAttemptEnded_KeepsOrTakesBackItsCount(AttemptEnd end, int total, int field)
    {
        var store = CreateStore();
        for (var i = 0; i < 3; i++)
        {
            await store.TryCountAsync("user:ALICE", "a", 5, 100, Window, Cancel);
        }

        await store.EndAsync("user:ALICE", "a", end, Cancel);

        Assert.Equal(total, await store.GetAsync("user:ALICE", cancellationToken: Cancel));
        Assert.Equal(field, await store.GetAsync("user:ALICE", "a", Cancel));
    }

    [Fact]
    public async Task TryCount_LimitFilledByAttemptsUnderWay_BusyUntilTheyEnd()
    {
        var store = CreateStore();
        await store.TryCountAsync("user:ALICE", "a", 2, 100, Window, Cancel);
        await store.TryCountAsync("user:ALICE", "a", 2, 100, Window, Cancel);

        Assert.Equal(AttemptVerdict.Busy, await store.TryCountAsync("user:ALICE", "a", 2, 100, Window, Cancel));
        await store.EndAsync("user:ALICE", "a", AttemptEnd.Withdrawn, Cancel);
        Assert.Equal(AttemptVerdict.Counted, await store.TryCountAsync("user:ALICE", "a", 2, 100, Window, Cancel));
        await store.EndAsync("user:ALICE", "a", AttemptEnd.Failed, Cancel);
        await store.EndAsync("user:ALICE", "a", AttemptEnd.Failed, Cancel);
        Assert.Equal(AttemptVerdict.FieldLimit, await store.TryCountAsync("user:ALICE", "a", 2, 100, Window, Cancel));
    }

    [Fact]
    public async Task End_NothingUnderWay_ChangesNothing()
    {
        var store = CreateStore();
        await store.TryCountAsync("user:ALICE", "a", 5, 100, Window, Cancel);
        await store.EndAsync("user:ALICE", "a", AttemptEnd.Failed, Cancel);

        await store.EndAsync("user:ALICE", "a", AttemptEnd.Succeeded, Cancel);
        await store.EndAsync("user:ALICE", "b", AttemptEnd.Succeeded, Cancel);
        await store.EndAsync("user:BOB", "a", AttemptEnd.Succeeded, Cancel);

        Assert.Equal(1, await store.GetAsync("user:ALICE", cancellationToken: Cancel));
    }

    [Fact]
    public async Task Reset_Counted_ForgetsEveryField()
    {
        var store = CreateStore();
        await store.TryCountAsync("user:ALICE", "a", 1, 100, Window, Cancel);
        await store.EndAsync("user:ALICE", "a", AttemptEnd.Failed, Cancel);

        await store.ResetAsync("user:ALICE", Cancel);

        Assert.Equal(0, await store.GetAsync("user:ALICE", cancellationToken: Cancel));
        Assert.Equal(AttemptVerdict.Counted, await store.TryCountAsync("user:ALICE", "a", 1, 100, Window, Cancel));
    }

    [Fact]
    public async Task Remember_WithinItsLifetime_IsRemembered()
    {
        var store = CreateStore();
        var lifetime = TimeSpan.FromDays(30);
        await store.RememberAsync("known:ALICE", "192.0.2.1", lifetime, Cancel);

        Assert.True(await store.IsRememberedAsync("known:ALICE", "192.0.2.1", lifetime, Cancel));
        Assert.False(await store.IsRememberedAsync("known:ALICE", "192.0.2.2", lifetime, Cancel));
        Time.Advance(lifetime);
        Assert.False(await store.IsRememberedAsync("known:ALICE", "192.0.2.1", lifetime, Cancel));
    }
}
