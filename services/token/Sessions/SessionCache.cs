using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Token.Sessions;

/// <summary>
/// Checked sessions kept for a few seconds, so that <c>/jwt</c> does not ask the store on every call.
/// Trusted only while the revocation feed is up: a revocation drops the entry the moment it is
/// published; a lost feed empties the cache and turns it off until the feed is back. A store read that
/// overlaps a revocation is not cached (generation check), so it cannot bring a revoked session back.
/// </summary>
internal sealed class SessionCache(ISessionStore store, IOptions<TokenOptions> options, TimeProvider time) : IRevocationListener
{
    internal const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration = options.Value.SessionCacheDuration;
    private long _generation;
    private volatile bool _trusted;

    /// <summary>True while the revocation feed is known to be up.</summary>
    public bool IsTrusted => _trusted;

    public async Task<Session?> AuthenticateAsync(SessionTicket ticket, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(ticket.Secret));
        if (_trusted
            && _entries.TryGetValue(ticket.SessionId, out var entry)
            && now < entry.ValidUntil
            && CryptographicOperations.FixedTimeEquals(entry.SecretHash, secretHash))
        {
            return entry.Session;
        }

        var generation = Interlocked.Read(ref _generation);
        var session = await store.AuthenticateAsync(ticket, cancellationToken);
        if (session is null)
        {
            _entries.TryRemove(ticket.SessionId, out _);
            return null;
        }

        if (_trusted && _duration > TimeSpan.Zero && Interlocked.Read(ref _generation) == generation)
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

    /// <summary>The subscription is live: cached entries may be trusted from now on.</summary>
    public void OnSubscribed() => OnFeedRestored();

    public void OnRevoked(string sessionId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(sessionId, out _);
    }

    public void OnFeedLost()
    {
        _trusted = false;
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    public void OnFeedRestored()
    {
        // Revocations published while the feed was down were missed: start from empty.
        Interlocked.Increment(ref _generation);
        _entries.Clear();
        _trusted = true;
    }

    private sealed record Entry(byte[] SecretHash, Session Session, DateTimeOffset ValidUntil);
}
