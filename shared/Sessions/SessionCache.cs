using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Checked session cookies kept for <see cref="SessionOptions.CacheDuration"/>, so a service that checks
/// the cookie on every request (the token service's <c>/jwt</c>, the identity service's admin API) does
/// not ask the store each time. It hears the revocation feed through <see cref="RevocationCache"/>
/// (one subscription per process) and trusts what it keeps only while
/// <see cref="RevocationCache.IsFeedTrusted"/>: a revocation drops the entry the moment it is heard,
/// a lost or restored feed empties the cache. A store read that overlaps any notification is not kept
/// (generation check), so it cannot bring a revoked session back.
/// </summary>
public sealed class SessionCache : IRevocationListener, IDisposable
{
    /// <summary>Most entries kept; past it the cache starts over empty (a dropped entry costs one store read).</summary>
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ISessionStore _store;
    private readonly RevocationCache _revocations;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly IDisposable _listening;
    private long _generation;

    /// <summary>Creates the cache and starts listening to <paramref name="revocations"/>.</summary>
    public SessionCache(ISessionStore store, RevocationCache revocations, IOptions<SessionOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(revocations);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        _store = store;
        _revocations = revocations;
        _time = time;
        _duration = options.Value.CacheDuration;
        _listening = revocations.AddListener(this);
    }

    /// <summary>Number of sessions kept (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// <see cref="ISessionStore.AuthenticateAsync"/>, answered from memory when this ticket was checked
    /// within the cache duration and nothing was revoked since. The secret is compared in constant time.
    /// </summary>
    public async ValueTask<Session?> AuthenticateAsync(SessionTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);

        var now = _time.GetUtcNow();
        var secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(ticket.Secret));
        if (_entries.TryGetValue(ticket.SessionId, out var entry)
            && now < entry.ValidUntil
            && _revocations.IsFeedTrusted
            && CryptographicOperations.FixedTimeEquals(entry.SecretHash, secretHash))
        {
            return entry.Session;
        }

        var generation = Interlocked.Read(ref _generation);
        var session = await _store.AuthenticateAsync(ticket, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            _entries.TryRemove(ticket.SessionId, out _);
            return null;
        }

        if (_duration > TimeSpan.Zero && _revocations.IsFeedTrusted && Interlocked.Read(ref _generation) == generation)
        {
            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }

            var until = now + _duration;
            _entries[session.Id] = new Entry(secretHash, session, session.ExpiresAt < until ? session.ExpiresAt : until);
        }

        return session;
    }

    /// <inheritdoc />
    public void OnRevoked(string sessionId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(sessionId, out _);
    }

    /// <inheritdoc />
    public void OnFeedLost() => StartOver();

    /// <inheritdoc />
    /// <remarks>Revocations published while the feed was down (or before it was first confirmed) were missed.</remarks>
    public void OnFeedRestored() => StartOver();

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listening.Dispose();

    private void StartOver()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(byte[] SecretHash, Session Session, DateTimeOffset ValidUntil);
}
