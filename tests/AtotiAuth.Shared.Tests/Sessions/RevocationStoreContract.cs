using AtotiAuth.Shared.Sessions;
using AtotiAuth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>What every <see cref="IRevocationStore"/> does; each implementation inherits all of it (STYLE.md §20).</summary>
public abstract class RevocationStoreContract
{
    protected FakeTimeProvider Time { get; } = TestClock.Create();

    protected SessionOptions Timeouts { get; } = new() { RevocationRetention = TimeSpan.FromHours(12) };

    /// <summary>A store using <see cref="Time"/> and <see cref="Timeouts"/>; stores created by one test share their data.</summary>
    protected abstract IRevocationStore CreateStore();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IsRevoked_Revoked_ReturnsTrue()
    {
        var store = CreateStore();

        await store.RevokeAsync("sid-1", Cancel);

        Assert.True(await store.IsRevokedAsync("sid-1", Cancel));
        Assert.False(await store.IsRevokedAsync("sid-2", Cancel));
    }

    [Fact]
    public async Task IsRevoked_AfterRetention_ReturnsFalse()
    {
        var store = CreateStore();
        await store.RevokeAsync("sid-1", Cancel);

        Time.Advance(Timeouts.RevocationRetention - TimeSpan.FromSeconds(1));
        var within = await store.IsRevokedAsync("sid-1", Cancel);
        Time.Advance(TimeSpan.FromSeconds(1));
        var after = await store.IsRevokedAsync("sid-1", Cancel);

        Assert.True(within);
        Assert.False(after);
    }

    [Fact]
    public async Task Revoke_TwoSubscribers_BothHearSessionId()
    {
        var store = CreateStore();
        var first = new RecordingListener();
        var second = new RecordingListener();
        await using var one = await store.SubscribeAsync(first, Cancel);
        await using var two = await CreateStore().SubscribeAsync(second, Cancel);

        await store.RevokeAsync("sid-1", Cancel);

        Assert.True(await first.HeardAsync("sid-1"));
        Assert.True(await second.HeardAsync("sid-1"));
    }

    [Fact]
    public async Task Revoke_SubscriptionDisposed_ListenerHearsNothingMore()
    {
        var store = CreateStore();
        var gone = new RecordingListener();
        var staying = new RecordingListener();
        var subscription = await store.SubscribeAsync(gone, Cancel);
        await using var other = await store.SubscribeAsync(staying, Cancel);

        await subscription.DisposeAsync();
        await store.RevokeAsync("sid-1", Cancel);

        Assert.True(await staying.HeardAsync("sid-1"));
        Assert.Empty(gone.Revoked);
    }

    [Fact]
    public async Task Revoke_SubscriberOfThisStore_HeardBeforeRevokeReturns()
    {
        var store = CreateStore();
        var listener = new RecordingListener();
        await using var subscription = await store.SubscribeAsync(listener, Cancel);

        await store.RevokeAsync("sid-1", Cancel);

        Assert.Contains("sid-1", listener.Revoked);
    }
}
