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
    private readonly Dictionary<PrincipalId, HashSet<string>> _byUser = [];
    private readonly SessionOptions _options = sessionOptions.Value;

    public async Task<IssuedSession> CreateAsync(NewSession request, CancellationToken cancellationToken = default)
    {
        SessionRules.Validate(request);
        cancellationToken.ThrowIfCancellationRequested();

        var now = SessionRules.Now(time);
        var session = new Session(
            SessionSecrets.NewId(), request.UserName, request.Provider, [.. request.Roles], now, now, now + _options.AbsoluteTimeout, [.. request.ProviderRoles ?? []]);
        var secret = SessionSecrets.NewSecret();
        var principal = new PrincipalId(session.Provider, session.UserName);
        List<Session> oldest;
        lock (_gate)
        {
            _sessions[session.Id] = new Entry(session, SessionSecrets.Hash(secret));
            if (!_byUser.TryGetValue(principal, out var ids))
            {
                _byUser[principal] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(session.Id);
            var active = Active(ids, now);
            oldest = [.. active.Where(s => s.Id != session.Id).Take(active.Count - _options.MaxSessionsPerUser)];
            foreach (var old in oldest)
            {
                Remove(old.Id);
            }
        }

        foreach (var old in oldest)
        {
            await revocations.RevokeAsync(old.Id, cancellationToken);
        }

        return new IssuedSession(session, new SessionTicket(session.Id, secret));
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

    public Task<IReadOnlyList<Session>> ListByUserAsync(string provider, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(userName);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Session>>(
                _byUser.TryGetValue(new PrincipalId(provider, userName), out var ids) ? Active(ids, SessionRules.Now(time)) : []);
        }
    }

    public Task<IReadOnlyList<string>> ListUserNamesAsync(string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(
                [.. _byUser.Keys.Where(p => p.Provider == provider).Select(static p => p.UserName).Order(StringComparer.Ordinal)]);
        }
    }

    public Task<bool> SetRolesAsync(string sessionId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(roles);
        lock (_gate)
        {
            if (FindActive(sessionId, SessionRules.Now(time)) is not { } entry)
            {
                return Task.FromResult(false);
            }

            _sessions[sessionId] = entry with { Session = entry.Session with { Roles = [.. roles] } };
            return Task.FromResult(true);
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

    public async Task<int> RevokeAllAsync(string provider, string userName, string? exceptSessionId = null, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var session in await ListByUserAsync(provider, userName, cancellationToken))
        {
            if (session.Id != exceptSessionId && await RevokeAsync(session.Id, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The active sessions among <paramref name="ids"/>, oldest first (call under the lock).</summary>
    private List<Session> Active(HashSet<string> ids, DateTimeOffset now)
    {
        var sessions = new List<Session>(ids.Count);
        foreach (var id in ids.ToArray())
        {
            if (FindActive(id, now) is { } entry)
            {
                sessions.Add(entry.Session);
            }
        }

        return [.. sessions.OrderBy(static s => s.CreatedAt).ThenBy(static s => s.Id, StringComparer.Ordinal)];
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
        if (_sessions.Remove(sessionId, out var entry))
        {
            var principal = new PrincipalId(entry.Session.Provider, entry.Session.UserName);
            if (_byUser.TryGetValue(principal, out var ids))
            {
                ids.Remove(sessionId);
                if (ids.Count == 0)
                {
                    _byUser.Remove(principal);
                }
            }
        }
    }

    private sealed record Entry(Session Session, byte[] SecretHash);
}
