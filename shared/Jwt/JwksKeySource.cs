using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// The authority's signing keys, read from its discovery document and JWKS. One fetch at a time, shared
/// by every request that needs it. The keys are re-read in the background every
/// <see cref="AtotiAuthJwtOptions.KeyRefreshInterval"/> (requests go on with the keys they have), and at
/// once when a token names a <c>kid</c> they lack, at most once per
/// <see cref="AtotiAuthJwtOptions.UnknownKeyRefreshInterval"/>: that request and every one arriving
/// meanwhile wait for the new keys (up to <see cref="WaitLimit"/> past the moment the rate limit allows
/// the fetch) before their token is judged, so a rotation refuses no genuine token, while forged
/// <c>kid</c>s cost the authority at most one fetch per interval.
/// </summary>
internal sealed partial class JwksKeySource
{
    /// <summary>Longest a request waits for keys being fetched before it is answered with what is known.</summary>
    internal static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly string _metadataAddress;
    private readonly IConfigurationRetriever<OpenIdConnectConfiguration> _retriever = new OpenIdConnectConfigurationRetriever();
    private readonly IDocumentRetriever _documents;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _unknownKeyInterval;
    private readonly TimeSpan _firstFetchWait;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile JwksSnapshot? _current;
    private Task<JwksSnapshot?>? _fetching;
    private Task<JwksSnapshot?>? _scheduled;
    private DateTimeOffset _lastUnknownKeyFetch = DateTimeOffset.MinValue;

    public JwksKeySource(
        string metadataAddress,
        IDocumentRetriever documents,
        TimeSpan refreshInterval,
        TimeSpan unknownKeyInterval,
        TimeSpan firstFetchWait,
        TimeProvider time,
        ILogger logger)
    {
        _firstFetchWait = firstFetchWait;
        _metadataAddress = metadataAddress;
        _documents = documents;
        _refreshInterval = refreshInterval;
        _unknownKeyInterval = unknownKeyInterval;
        _time = time;
        _logger = logger;
    }

    /// <summary>Number of fetches started (for tests of the rate limit).</summary>
    internal int Fetches { get; private set; }

    /// <summary>The keys known now, or null when none could ever be read (the caller answers 503).</summary>
    public ValueTask<JwksSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is null)
        {
            // No keys yet (a request raced the start-up fetch): wait as long as the fetch may take.
            return new ValueTask<JwksSnapshot?>(WaitAsync(Fetch(force: false), _firstFetchWait, cancellationToken));
        }

        if (_time.GetUtcNow() - current.FetchedAt >= _refreshInterval)
        {
            // Stale keys still judge this request; the fresh ones judge the next.
            _ = Fetch(force: false);
        }

        return new ValueTask<JwksSnapshot?>(current);
    }

    /// <summary>
    /// Keys newer than <paramref name="seen"/>, fetched for a token whose <c>kid</c> it lacks. A fetch the
    /// rate limit allows starts at once; one it forbids is held until the limit allows it, if that is at
    /// most <see cref="WaitLimit"/> away, and shared by every request waiting meanwhile. Null when no newer
    /// keys come in time (the token is then judged, and refused, as is).
    /// </summary>
    public async ValueTask<JwksSnapshot?> GetNewerAsync(JwksSnapshot seen, CancellationToken cancellationToken)
    {
        Task<JwksSnapshot?> fetch;
        var wait = WaitLimit;
        lock (_gate)
        {
            if (_current is { } current && !ReferenceEquals(current, seen))
            {
                return current;
            }

            var allowedAt = _lastUnknownKeyFetch == DateTimeOffset.MinValue ? DateTimeOffset.MinValue : _lastUnknownKeyFetch + _unknownKeyInterval;
            var now = _time.GetUtcNow();
            if (_fetching is not null || now >= allowedAt)
            {
                fetch = Fetch(force: true);
            }
            else if (allowedAt - now <= WaitLimit)
            {
                fetch = _scheduled ??= FetchAtAsync(allowedAt - now);
                wait += allowedAt - now;
            }
            else
            {
                return null;
            }
        }

        var fetched = await WaitAsync(fetch, wait, cancellationToken);
        return fetched is not null && !ReferenceEquals(fetched, seen) ? fetched : null;
    }

    private async Task<JwksSnapshot?> FetchAtAsync(TimeSpan delay)
    {
        await Task.Delay(delay, _time);
        Task<JwksSnapshot?> fetch;
        lock (_gate)
        {
            _scheduled = null;
            fetch = Fetch(force: true);
        }

        return await fetch;
    }

    private Task<JwksSnapshot?> Fetch(bool force)
    {
        lock (_gate)
        {
            if (force)
            {
                _lastUnknownKeyFetch = _time.GetUtcNow();
            }

            if (_fetching is { } running)
            {
                return running;
            }

            Fetches++;
            var fetch = FetchAsync();
            _fetching = fetch.IsCompleted ? null : fetch;
            return fetch;
        }
    }

    private async Task<JwksSnapshot?> FetchAsync()
    {
        await Task.Yield();
        try
        {
            var configuration = await _retriever.GetConfigurationAsync(_metadataAddress, _documents, CancellationToken.None);
            var keys = new JwksSnapshot(configuration.SigningKeys.ToArray(), _time.GetUtcNow());
            _current = keys;
            LogKeysRead(_logger, keys.Keys.Count, _metadataAddress);
            return keys;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException or TaskCanceledException or ArgumentException)
        {
            // The keys we had (if any) keep judging tokens; without any, tokens are refused with 503.
            LogKeysUnavailable(_logger, _metadataAddress, ex.GetType().Name);
            return _current;
        }
        finally
        {
            lock (_gate)
            {
                _fetching = null;
            }
        }
    }

    private static async Task<JwksSnapshot?> WaitAsync(Task<JwksSnapshot?> fetch, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            return await fetch.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Debug, Message = "Read {Count} signing key(s) from {Address}")]
    private static partial void LogKeysRead(ILogger logger, int count, string address);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, Message = "The signing keys could not be read from {Address} ({ErrorType}); the keys already known, if any, go on judging tokens")]
    private static partial void LogKeysUnavailable(ILogger logger, string address, string errorType);
}
