using AtotiAuth.Shared.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Answers "is this session revoked?" for verifiers (token service, ping sidecars) without a Redis read
/// per request (DESIGN.md §5). The first question about a session goes to the store and the answer is
/// kept; revocations published by the store flip it within milliseconds. The store's answer is the
/// allow-list one (<see cref="IRevocationStore.IsEndedAsync"/>): a session that no longer exists counts
/// as revoked, so losing Redis's data never makes a revoked token valid again. While the feed is lost,
/// every question asks the store first and a cached answer stands in only while the store cannot answer,
/// for <see cref="RevocationCacheOptions.FeedLossGrace"/>; after that the store's failure is the answer
/// (<see cref="Store.StoreUnavailableException"/>, a 503: fail closed). When the feed returns, or the
/// store is found to have lost its data (<see cref="OnStoreDataLost"/>), unrevoked answers are dropped,
/// since revocations may have been missed, and caching resumes. Other caches hear the same feed through
/// <see cref="AddListener"/>.
/// </summary>
public sealed partial class RevocationCache : IRevocationListener
{
    /// <summary>
    /// After the feed returns, no new unrevoked answer is kept for this long: the client resubscribes
    /// around the time it reports the connection restored, and a revocation published in between
    /// would otherwise be missed while its session is cached as valid.
    /// </summary>
    private static readonly TimeSpan RestoreSettle = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly IRevocationStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<RevocationCache> _logger;
    private readonly TimeSpan _grace;
    private readonly RevocationAnswers _answers;
    private readonly RevocationListenerSet _listeners;
    private volatile RevocationFeed _feed;

    /// <summary>Creates the cache; it trusts nothing it caches until a subscription is confirmed.</summary>
    public RevocationCache(
        IRevocationStore store,
        IOptions<RevocationCacheOptions> options,
        IOptions<SessionOptions> sessionOptions,
        TimeProvider time,
        ILogger<RevocationCache> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessionOptions);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);

        _store = store;
        _time = time;
        _logger = logger;
        _grace = options.Value.FeedLossGrace;
        _answers = new RevocationAnswers(options.Value.MaxEntries, sessionOptions.Value.RevocationRetention, logger);
        _listeners = new RevocationListenerSet(logger);
        _feed = RevocationFeed.NotSubscribed(time.GetUtcNow());
    }

    /// <summary>Number of session ids remembered (for metrics and tests).</summary>
    public int Count => _answers.Count;

    /// <summary>
    /// True while the feed is confirmed and settled, i.e. while a revocation would reach this process
    /// as a notification: only then may another cache (<see cref="SessionCache"/>) keep and reuse answers.
    /// </summary>
    public bool IsFeedTrusted => _feed.TrustAt(_time.GetUtcNow(), _grace) == RevocationFeed.Trust.Full;

    /// <summary>
    /// True when the session was revoked or no longer exists. Answers from memory while the feed is
    /// healthy; otherwise asks the store, and throws <see cref="Store.StoreUnavailableException"/> when it
    /// cannot be reached (unless a cached answer may stand in, within the grace of a lost feed).
    /// </summary>
    public async ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);

        var now = _time.GetUtcNow();
        var feed = _feed;
        var trust = feed.TrustAt(now, _grace);
        var standIn = false;
        if (_answers.TryGet(sessionId, now, out var cachedRevoked))
        {
            if (cachedRevoked)
            {
                return true;
            }
            else if (trust == RevocationFeed.Trust.Full || (trust == RevocationFeed.Trust.CacheOnly && feed.State != RevocationFeed.Status.Lost))
            {
                return false;
            }
            else
            {
                // A lost feed: a revocation made meanwhile (on a new primary, once a failover is done)
                // would not be heard, so the store is asked, and the cached answer serves only while it
                // cannot be (issue 21).
                standIn = trust == RevocationFeed.Trust.CacheOnly;
            }
        }

        bool revoked;
        try
        {
            revoked = await _store.IsEndedAsync(sessionId, cancellationToken);
        }
        catch (Store.StoreUnavailableException) when (standIn)
        {
            return false;
        }

        if (revoked)
        {
            _answers.SetRevoked(sessionId, now);
        }
        else if (trust == RevocationFeed.Trust.Full && ReferenceEquals(feed, _feed))
        {
            _answers.AddUnrevoked(sessionId, now);
        }

        return revoked;
    }

    /// <summary>
    /// Forwards every notification this cache hears (revocations, feed lost and restored) to another
    /// cache, e.g. <see cref="SessionCache"/>; the first confirmed subscription is reported as a
    /// restoration too, so a listener can tell answers read before it from those read after. Dispose
    /// the result to stop.
    /// </summary>
    public IDisposable AddListener(IRevocationListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return _listeners.Add(listener);
    }

    /// <inheritdoc />
    public void OnRevoked(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        _answers.SetRevoked(sessionId, _time.GetUtcNow());
        AtotiAuthMetrics.RevocationsApplied.Add(1);
        _listeners.Revoked(sessionId);
    }

    /// <inheritdoc />
    public void OnFeedLost()
    {
        lock (_gate)
        {
            var feed = _feed;
            if (feed.State == RevocationFeed.Status.Lost)
            {
                return;
            }

            Feed = RevocationFeed.Lost(_time.GetUtcNow());
        }

        LogFeedLost(_logger, _grace);
        _listeners.FeedLost();
    }

    /// <inheritdoc />
    public void OnFeedRestored()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Feed = RevocationFeed.Healthy(now, now + RestoreSettle);
            _answers.DropUnrevoked();
        }

        LogFeedRestored(_logger);
        _listeners.FeedRestored();
    }

    /// <summary>
    /// The store lost its data (the store's data-loss monitor): every unrevoked answer is
    /// dropped, so each session is asked about again (and found gone), and the listeners hear it as a
    /// restoration, which makes them check again what they hold (the sidecar's open sockets).
    /// </summary>
    public void OnStoreDataLost()
    {
        lock (_gate)
        {
            _answers.DropUnrevoked();
        }

        _listeners.FeedRestored();
    }

    /// <summary>A subscription is being made: trust nothing cached until it is confirmed.</summary>
    internal void OnSubscribing()
    {
        lock (_gate)
        {
            Feed = RevocationFeed.NotSubscribed(_time.GetUtcNow());
            _answers.DropUnrevoked();
        }
    }

    /// <summary>
    /// The store confirmed the subscription; unless the feed dropped meanwhile, caching starts, and the
    /// listeners hear it as a restoration (revocations before it were not heard).
    /// </summary>
    internal void OnSubscribed()
    {
        lock (_gate)
        {
            if (_feed.State != RevocationFeed.Status.NotSubscribed)
            {
                return;
            }

            var now = _time.GetUtcNow();
            Feed = RevocationFeed.Healthy(now, now);
        }

        _listeners.FeedRestored();
    }

    /// <summary>The feed; setting it reports it to the feed gauges (<see cref="AtotiAuthMetrics.ReportFeed"/>).</summary>
    private RevocationFeed Feed
    {
        set
        {
            _feed = value;
            AtotiAuthMetrics.ReportFeed(value.State == RevocationFeed.Status.Healthy, value.Since, _time);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Revocation feed lost: every check asks the store; cached answers stand in while it cannot answer, for {Grace}.")]
    private static partial void LogFeedLost(ILogger logger, TimeSpan grace);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information,
        Message = "Revocation feed restored: unrevoked answers dropped, caching resumes.")]
    private static partial void LogFeedRestored(ILogger logger);
}
