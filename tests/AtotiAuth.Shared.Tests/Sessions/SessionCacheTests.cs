using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.InMemory;
using AtotiAuth.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AtotiAuth.Shared.Tests.Sessions;

/// <summary>
/// The session cache hanging off a <see cref="RevocationCache"/> that the tests drive as the feed would
/// (subscribed, revocation heard, lost, restored). The in-memory stores are not subscribed to, so a
/// revocation in them is one the feed "missed" unless the test plays it.
/// </summary>
public sealed class SessionCacheTests : IDisposable
{
    private static readonly NewSession Alice = new("alice", "basic", ["ROLE_ADMIN"]);

    private readonly FakeTimeProvider _time = TestClock.Create();
    private readonly SessionOptions _options = new() { CacheDuration = TimeSpan.FromSeconds(5) };
    private readonly GatedSessionStore _store;
    private readonly RevocationCache _revocations;
    private readonly SessionCache _cache;

    public SessionCacheTests()
    {
        var options = Microsoft.Extensions.Options.Options.Create(_options);
        var revocationStore = new InMemoryRevocationStore(options, _time);
        _store = new GatedSessionStore(new InMemorySessionStore(revocationStore, options, _time));
        _revocations = new RevocationCache(
            revocationStore,
            Microsoft.Extensions.Options.Options.Create(new RevocationCacheOptions()),
            options,
            _time,
            NullLogger<RevocationCache>.Instance);
        _cache = new SessionCache(_store, _revocations, options, _time);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Authenticate_FeedConfirmed_AsksStoreOnceWithinDuration()
    {
        _revocations.OnSubscribed();
        var issued = await _store.CreateAsync(Alice, Cancel);

        var first = await _cache.AuthenticateAsync(issued.Ticket, Cancel);
        var second = await _cache.AuthenticateAsync(issued.Ticket, Cancel);

        Assert.Equal(issued.Session.Id, first?.Id);
        Assert.Equal(issued.Session.Id, second?.Id);
        Assert.Equal(1, _store.Checks);
    }

    [Fact]
    public async Task Authenticate_NotSubscribed_AsksStoreEveryTime()
    {
        var issued = await _store.CreateAsync(Alice, Cancel);

        await _cache.AuthenticateAsync(issued.Ticket, Cancel);
        await _cache.AuthenticateAsync(issued.Ticket, Cancel);

        Assert.Equal(2, _store.Checks);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task Authenticate_DurationOver_AsksStoreAgain()
    {
        _revocations.OnSubscribed();
        var issued = await _store.CreateAsync(Alice, Cancel);
        await _cache.AuthenticateAsync(issued.Ticket, Cancel);

        _time.Advance(_options.CacheDuration);
        await _cache.AuthenticateAsync(issued.Ticket, Cancel);

        Assert.Equal(2, _store.Checks);
    }

    [Fact]
    public async Task Authenticate_RevocationHeard_RefusedAtOnce()
    {
        _revocations.OnSubscribed();
        var issued = await _store.CreateAsync(Alice, Cancel);
        await _cache.AuthenticateAsync(issued.Ticket, Cancel);

        await _store.RevokeAsync(issued.Session.Id, Cancel);
        _revocations.OnRevoked(issued.Session.Id);

        Assert.Null(await _cache.AuthenticateAsync(issued.Ticket, Cancel));
    }

    [Fact]
    public async Task Authenticate_CachedSessionWrongSecret_Refused()
    {
        _revocations.OnSubscribed();
        var issued = await _store.CreateAsync(Alice, Cancel);
        await _cache.AuthenticateAsync(issued.Ticket, Cancel);

        var forged = await _cache.AuthenticateAsync(issued.Ticket with { Secret = new string('A', 43) }, Cancel);

        Assert.Null(forged);
    }

    [Fact]
    public async Task Authenticate_FeedLost_AsksStore()
    {
        _revocations.OnSubscribed();
        var issued = await _store.CreateAsync(Alice, Cancel);
        await _cache.AuthenticateAsync(issued.Ticket, Cancel);
        await _store.RevokeAsync(issued.Session.Id, Cancel);

        _revocations.OnFeedLost();

        Assert.Null(await _cache.AuthenticateAsync(issued.Ticket, Cancel));
        Assert.Equal(2, _store.Checks);
    }

    [Fact]
    public async Task Authenticate_ReadOverlappingRevocation_NotKept()
    {
        _revocations.OnSubscribed();
        var issued = await _store.CreateAsync(Alice, Cancel);
        var gate = new TaskCompletionSource();
        _store.Gate = gate;

        var reading = _cache.AuthenticateAsync(issued.Ticket, Cancel).AsTask();
        _revocations.OnRevoked(issued.Session.Id);
        gate.SetResult();
        await reading;

        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task Authenticate_ReadStartedBeforeFirstSubscription_NotKept()
    {
        var issued = await _store.CreateAsync(Alice, Cancel);
        var gate = new TaskCompletionSource();
        _store.Gate = gate;

        var reading = _cache.AuthenticateAsync(issued.Ticket, Cancel).AsTask();
        _revocations.OnSubscribed();
        gate.SetResult();
        await reading;

        Assert.Equal(0, _cache.Count);
        await _cache.AuthenticateAsync(issued.Ticket, Cancel);
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public async Task Authenticate_DurationZero_NeverKeeps()
    {
        _revocations.OnSubscribed();
        var options = Microsoft.Extensions.Options.Options.Create(new SessionOptions { CacheDuration = TimeSpan.Zero });
        using var off = new SessionCache(_store, _revocations, options, _time);
        var issued = await _store.CreateAsync(Alice, Cancel);

        await off.AuthenticateAsync(issued.Ticket, Cancel);
        await off.AuthenticateAsync(issued.Ticket, Cancel);

        Assert.Equal(2, _store.Checks);
    }
}
