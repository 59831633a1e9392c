using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.InMemory;
using AtotiAuth.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>
/// The cache against the in-memory store, which it is not subscribed to: the tests play the feed
/// (revocations, loss, restoration) by calling the cache as the store would, and revoke "silently" in
/// the store to stand for a notification that was missed.
/// </summary>
public sealed class RevocationCacheTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = TestClock.Create();
    private readonly SessionOptions _timeouts = new() { RevocationRetention = TimeSpan.FromHours(12) };
    private readonly InMemoryRevocationStore _silent;
    private readonly CountingRevocationStore _store;
    private readonly RevocationCache _cache;

    public RevocationCacheTests()
    {
        _silent = new InMemoryRevocationStore(Microsoft.Extensions.Options.Options.Create(_timeouts), _time);
        _store = new CountingRevocationStore(_silent);
        _cache = CreateCache(maxEntries: 100);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IsRevoked_NotSubscribed_AsksStoreEveryTime()
    {
        await _cache.IsRevokedAsync("sid-1", Cancel);
        await _cache.IsRevokedAsync("sid-1", Cancel);

        Assert.Equal(2, _store.Checks);
    }

    [Fact]
    public async Task IsRevoked_Subscribed_AsksStoreOnceThenAnswersFromMemory()
    {
        _cache.OnSubscribed();

        var first = await _cache.IsRevokedAsync("sid-1", Cancel);
        var second = await _cache.IsRevokedAsync("sid-1", Cancel);

        Assert.False(first);
        Assert.False(second);
        Assert.Equal(1, _store.Checks);
    }

    [Fact]
    public async Task IsRevoked_RevokedInStore_CachedAsRevoked()
    {
        _cache.OnSubscribed();
        await _silent.RevokeAsync("sid-1", Cancel);

        Assert.True(await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.True(await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.Equal(1, _store.Checks);
    }

    [Fact]
    public async Task IsRevoked_RevocationHeard_FlipsCachedAnswerWithoutStore()
    {
        _cache.OnSubscribed();
        await _cache.IsRevokedAsync("sid-1", Cancel);

        _cache.OnRevoked("sid-1");
        _cache.OnRevoked("sid-2");

        Assert.True(await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.True(await _cache.IsRevokedAsync("sid-2", Cancel));
        Assert.Equal(1, _store.Checks);
    }

    [Fact]
    public async Task IsRevoked_FeedLostWithinGraceAndStoreDown_AnswersFromMemory()
    {
        _cache.OnSubscribed();
        await _cache.IsRevokedAsync("sid-1", Cancel);

        _cache.OnFeedLost();
        _time.Advance(Grace - TimeSpan.FromMilliseconds(1));
        _store.Down = true;

        Assert.False(await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.Equal(2, _store.Checks);
    }

    /// <summary>
    /// A revocation made while this process's feed is down (on a new primary, once a failover is done)
    /// is never heard: within the grace the store is asked first, so it is seen at once (issue 21).
    /// </summary>
    [Fact]
    public async Task IsRevoked_FeedLostWithinGraceAndRevokedUnheard_AsksStoreAndRefuses()
    {
        _cache.OnSubscribed();
        await _cache.IsRevokedAsync("sid-1", Cancel);

        _cache.OnFeedLost();
        await _silent.RevokeAsync("sid-1", Cancel);

        Assert.True(await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.True(await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.Equal(2, _store.Checks);
    }

    [Fact]
    public async Task OnStoreDataLost_CachedAnswers_AskedAgainAndListenersRecheck()
    {
        var listener = new RecordingListener();
        using var listening = _cache.AddListener(listener);
        _cache.OnSubscribed();
        await _cache.IsRevokedAsync("sid-1", Cancel);
        _cache.OnRevoked("sid-2");
        var restoredBefore = listener.FeedRestored;

        await _silent.RevokeAsync("sid-1", Cancel);
        _cache.OnStoreDataLost();

        Assert.True(await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.True(await _cache.IsRevokedAsync("sid-2", Cancel));
        Assert.Equal(2, _store.Checks);
        Assert.Equal(restoredBefore + 1, listener.FeedRestored);
    }

    [Fact]
    public async Task IsRevoked_FeedLostPastGrace_AsksStoreEveryTime()
    {
        _cache.OnSubscribed();
        await _cache.IsRevokedAsync("sid-1", Cancel);
        await _cache.IsRevokedAsync("sid-2", Cancel);
        await _silent.RevokeAsync("sid-1", Cancel);

        _cache.OnFeedLost();
        _time.Advance(Grace);

        Assert.True(await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.False(await _cache.IsRevokedAsync("sid-2", Cancel));
        Assert.False(await _cache.IsRevokedAsync("sid-2", Cancel));
        Assert.Equal(5, _store.Checks);
    }

    [Fact]
    public async Task IsRevoked_FeedLostPastGraceAndStoreDown_ThrowsStoreUnavailable()
    {
        _cache.OnSubscribed();
        await _cache.IsRevokedAsync("sid-1", Cancel);
        _cache.OnRevoked("sid-2");

        _cache.OnFeedLost();
        _time.Advance(Grace);
        _store.Down = true;

        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.True(await _cache.IsRevokedAsync("sid-2", Cancel));
    }

    [Fact]
    public async Task IsRevoked_FeedRestored_DropsUnrevokedAnswersKeepsRevoked()
    {
        _cache.OnSubscribed();
        await _cache.IsRevokedAsync("sid-1", Cancel);
        _cache.OnRevoked("sid-2");
        _cache.OnFeedLost();
        await _silent.RevokeAsync("sid-1", Cancel);

        _cache.OnFeedRestored();

        Assert.True(await _cache.IsRevokedAsync("sid-1", Cancel));
        Assert.True(await _cache.IsRevokedAsync("sid-2", Cancel));
        Assert.Equal(2, _store.Checks);
    }

    [Fact]
    public async Task IsRevoked_JustRestored_CachesAgainOnlyOnceSettled()
    {
        _cache.OnSubscribed();
        _cache.OnFeedLost();
        _cache.OnFeedRestored();

        await _cache.IsRevokedAsync("sid-1", Cancel);
        await _cache.IsRevokedAsync("sid-1", Cancel);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _cache.IsRevokedAsync("sid-1", Cancel);
        await _cache.IsRevokedAsync("sid-1", Cancel);

        Assert.Equal(3, _store.Checks);
    }

    [Fact]
    public async Task IsRevoked_AnswerOlderThanRetention_AsksStoreAgain()
    {
        _cache.OnSubscribed();
        await _cache.IsRevokedAsync("sid-1", Cancel);

        _time.Advance(_timeouts.RevocationRetention);
        await _cache.IsRevokedAsync("sid-1", Cancel);

        Assert.Equal(2, _store.Checks);
    }

    [Fact]
    public async Task IsRevoked_MoreSessionsThanMaxEntries_StaysBoundedAndKeepsRevoked()
    {
        _cache.OnSubscribed();
        _cache.OnRevoked("revoked");

        for (var i = 0; i < 250; i++)
        {
            await _cache.IsRevokedAsync($"sid-{i}", Cancel);
            Assert.InRange(_cache.Count, 1, 100);
        }

        var checks = _store.Checks;
        Assert.True(await _cache.IsRevokedAsync("revoked", Cancel));
        Assert.Equal(checks, _store.Checks);
    }

    [Fact]
    public void AddListener_Notifications_ForwardedUntilDisposed()
    {
        var listener = new RecordingListener();
        var registration = _cache.AddListener(listener);

        _cache.OnRevoked("sid-1");
        _cache.OnFeedLost();
        _cache.OnFeedRestored();
        registration.Dispose();
        _cache.OnRevoked("sid-2");

        Assert.Equal(["sid-1"], listener.Revoked);
        Assert.Equal(1, listener.FeedLost);
        Assert.Equal(1, listener.FeedRestored);
    }

    [Fact]
    public void AddListener_FirstSubscriptionConfirmed_ForwardedAsRestored()
    {
        var listener = new RecordingListener();
        using var registration = _cache.AddListener(listener);

        _cache.OnSubscribed();
        _cache.OnSubscribed();

        Assert.Equal(1, listener.FeedRestored);
        Assert.True(_cache.IsFeedTrusted);
    }

    [Fact]
    public void AddListener_OneListenerThrows_OthersStillHear()
    {
        var listener = new RecordingListener();
        using var faulty = _cache.AddListener(new ThrowingListener());
        using var registration = _cache.AddListener(listener);

        _cache.OnRevoked("sid-1");

        Assert.Equal(["sid-1"], listener.Revoked);
    }

    [Fact]
    public async Task Subscriber_Started_CacheHearsStoreRevocations()
    {
        var subscriber = new RevocationCacheSubscriber(_store, _cache, _time, NullLogger<RevocationCacheSubscriber>.Instance);

        await subscriber.StartAsync(Cancel);
        var hears = await CacheHearsFeedAsync();
        await subscriber.StopAsync(Cancel);
        await _store.RevokeAsync("after-stop", Cancel);
        var checks = _store.Checks;
        var afterStop = await _cache.IsRevokedAsync("after-stop", Cancel);

        Assert.True(hears);
        Assert.True(afterStop);
        Assert.Equal(checks + 1, _store.Checks);
    }

    [Fact]
    public async Task Subscriber_StoreDownAtStart_RetriesAndAsksStoreMeanwhile()
    {
        var subscriber = new RevocationCacheSubscriber(_store, _cache, _time, NullLogger<RevocationCacheSubscriber>.Instance);
        _store.Down = true;

        await subscriber.StartAsync(Cancel);
        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await _cache.IsRevokedAsync("sid-1", Cancel));
        _store.Down = false;
        var hears = await CacheHearsFeedAsync(advanceClock: true);
        await subscriber.StopAsync(Cancel);

        Assert.True(hears);
    }

    /// <summary>
    /// True once a revocation made in the store reaches the cache without the cache asking; optionally
    /// moves the clock on each try, so that the subscriber's retry delay elapses whenever it was set.
    /// </summary>
    private async Task<bool> CacheHearsFeedAsync(bool advanceClock = false)
    {
        var probe = 0;
        return await RecordingListener.WaitUntilAsync(async () =>
        {
            if (advanceClock)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }

            var sessionId = $"probe-{probe++}";
            await _cache.IsRevokedAsync(sessionId, Cancel);
            await _store.RevokeAsync(sessionId, Cancel);
            var before = _store.Checks;
            return await _cache.IsRevokedAsync(sessionId, Cancel) && _store.Checks == before;
        });
    }

    private RevocationCache CreateCache(int maxEntries) => new(
        _store,
        Microsoft.Extensions.Options.Options.Create(new RevocationCacheOptions { FeedLossGrace = Grace, MaxEntries = maxEntries }),
        Microsoft.Extensions.Options.Options.Create(_timeouts),
        _time,
        NullLogger<RevocationCache>.Instance);

    private sealed class ThrowingListener : IRevocationListener
    {
        public void OnRevoked(string sessionId) => throw new InvalidOperationException("Faulty listener.");

        public void OnFeedLost() => throw new InvalidOperationException("Faulty listener.");

        public void OnFeedRestored() => throw new InvalidOperationException("Faulty listener.");
    }
}
