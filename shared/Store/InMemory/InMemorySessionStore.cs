using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Store.InMemory;

/// <summary>Sessions of the standalone host, with the same timestamp rules as the Redis store.</summary>
internal sealed class InMemorySessionStore(
    IRevocationStore revocations,
    IOptions<SessionOptions> sessionOptions,
    TimeProvider time) : ISessionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byUser = new(StringComparer.Ordinal);
    private readonly SessionOptions _options = sessionOptions.Value;

    public Task<IssuedSession> CreateAsync(NewSession request, CancellationToken cancellationToken = default)
    {
        SessionRules.Validate(request);
        cancellationToken.ThrowIfCancellationRequested();

        var now = SessionRules.Now(time);
        var session = new Session(
            SessionSecrets.NewId(), request.UserName, request.Provider, [.. request.Roles], now, now, now + _options.AbsoluteTimeout);
        var secret = SessionSecrets.NewSecret();
        lock (_gate)
        {
            _sessions[session.Id] = new Entry(session, SessionSecrets.Hash(secret));
            if (!_byUser.TryGetValue(session.UserName, out var ids))
            {
                _byUser[session.UserName] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(session.Id);
        }

        return Task.FromResult(new IssuedSession(session, new SessionTicket(session.Id, secret)));
    }

    public Task<Session?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_gate)
        {
            return Task.FromResult(FindActive(sessionId, SessionRules.Now(time))?.Session);
        }
    }

    public Task<Session?> AuthenticateAsync(SessionTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        cancellationToken.ThrowIfCancellationRequested();

        var now = SessionRules.Now(time);
        lock (_gate)
        {
            var entry = FindActive(ticket.SessionId, now);
            if (entry is null || !SessionSecrets.Matches(entry.SecretHash, ticket.Secret))
            {
                return Task.FromResult<Session?>(null);
            }

            if (SessionRules.NeedsTouch(entry.Session, now, _options))
            {
                entry = entry with { Session = entry.Session with { LastSeenAt = now } };
                _sessions[ticket.SessionId] = entry;
            }

            return Task.FromResult<Session?>(entry.Session);
        }
    }

    public Task<IReadOnlyList<Session>> ListByUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        cancellationToken.ThrowIfCancellationRequested();

        var now = SessionRules.Now(time);
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userName, out var ids))
            {
                return Task.FromResult<IReadOnlyList<Session>>([]);
            }

            var sessions = new List<Session>(ids.Count);
            foreach (var id in ids.ToArray())
            {
                if (FindActive(id, now) is { } entry)
                {
                    sessions.Add(entry.Session);
                }
            }

            return Task.FromResult<IReadOnlyList<Session>>(sessions.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray());
        }
    }

    public async Task<bool> RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_gate)
        {
            if (FindActive(sessionId, SessionRules.Now(time)) is null)
            {
                return false;
            }

            Remove(sessionId);
        }

        await revocations.RevokeAsync(sessionId, cancellationToken);
        return true;
    }

    public async Task<Session?> SignOutAsync(SessionTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        cancellationToken.ThrowIfCancellationRequested();

        Session session;
        lock (_gate)
        {
            var entry = FindActive(ticket.SessionId, SessionRules.Now(time));
            if (entry is null || !SessionSecrets.Matches(entry.SecretHash, ticket.Secret))
            {
                return null;
            }

            session = entry.Session;
            Remove(session.Id);
        }

        await revocations.RevokeAsync(session.Id, cancellationToken);
        return session;
    }

    public async Task<int> RevokeAllAsync(string userName, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var session in await ListByUserAsync(userName, cancellationToken))
        {
            if (await RevokeAsync(session.Id, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The session when it is still active; an ended one is removed on the way (call under the lock).</summary>
    private Entry? FindActive(string sessionId, DateTimeOffset now)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return null;
        }

        if (SessionRules.IsActive(entry.Session, now, _options))
        {
            return entry;
        }

        Remove(sessionId);
        return null;
    }

    private void Remove(string sessionId)
    {
        if (_sessions.Remove(sessionId, out var entry) && _byUser.TryGetValue(entry.Session.UserName, out var ids))
        {
            ids.Remove(sessionId);
            if (ids.Count == 0)
            {
                _byUser.Remove(entry.Session.UserName);
            }
        }
    }

    private sealed record Entry(Session Session, byte[] SecretHash);
}
