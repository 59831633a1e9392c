using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Sessions in Redis (DESIGN.md §5): a hash per session, written by the identity service only, a
/// last-seen key per session that records its uses (so recording a use at <c>/jwt</c> needs no write
/// access to sessions, docs/redis.md), a set of ids per principal and a set of user names per provider,
/// each written with single-key commands, sent together in one batch (one round trip), so cluster
/// deployments work. Ending a session is one script on one server; on a cluster, whose keys may live on
/// several nodes, the revocation is awaited before the deletes (the verifiers' allow-list refuses the
/// session as soon as either its revocation or the loss of its hash is seen). Timeouts are decided by
/// timestamps from the injected clock; key TTLs only clean up after them.
/// </summary>
internal sealed class RedisSessionStore(
    IConnectionMultiplexer redis,
    RedisRevocationStore revocations,
    IOptions<StoreOptions> storeOptions,
    IOptions<SessionOptions> sessionOptions,
    TimeProvider time) : ISessionStore
{
    /// <summary>Writes the whole hash and its TTL at once, so no reader sees a half-made session.</summary>
    private const string CreateScript = """
        redis.call('HSET', KEYS[1], unpack(ARGV, 2))
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """;

    /// <summary>Sets one field only while the session exists: an update racing a revoke must not resurrect it.</summary>
    private const string SetFieldScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    private readonly RedisKeys _keys = new(storeOptions.Value.KeyPrefix);
    private readonly SessionOptions _options = sessionOptions.Value;
    private readonly RedisSessionIndex _index = new(redis, new RedisKeys(storeOptions.Value.KeyPrefix), sessionOptions.Value, time);

    public async Task<IssuedSession> CreateAsync(NewSession request, CancellationToken cancellationToken = default)
    {
        SessionRules.Validate(request);
        cancellationToken.ThrowIfCancellationRequested();

        var now = SessionRules.Now(time);
        var session = new Session(
            SessionSecrets.NewId(), request.UserName, request.Provider, [.. request.Roles], now, now, now + _options.AbsoluteTimeout, [.. request.ProviderRoles ?? []]);
        var secret = SessionSecrets.NewSecret();
        RedisValue[] arguments =
        [
            (long)SessionRules.HashTtl(session, now).TotalMilliseconds,
            .. RedisSessionRecord.ToFieldsAndValues(session, SessionSecrets.Hash(secret)),
        ];
        var userSessions = _keys.UserSessions(session.Provider, session.UserName);
        var sessionUsers = _keys.SessionUsers(session.Provider);
        long count;
        try
        {
            var batch = redis.GetDatabase().CreateBatch();
            var write = batch.ScriptEvaluateAsync(CreateScript, [_keys.Session(session.Id)], arguments);
            var index = batch.SetAddAsync(userSessions, session.Id);
            var expire = batch.KeyExpireAsync(userSessions, SessionRules.IndexTtl(_options));
            var user = batch.SetAddAsync(sessionUsers, session.UserName);
            var expireUsers = batch.KeyExpireAsync(sessionUsers, SessionRules.IndexTtl(_options));
            var counting = batch.SetLengthAsync(userSessions);
            batch.Execute();
            await Task.WhenAll(write, index, expire, user, expireUsers, counting).ConfigureAwait(false);
            count = await counting.ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }

        if (count > _options.MaxSessionsPerUser)
        {
            // The set still lists ended sessions until listed: the listing prunes them, then the oldest go.
            var active = await ListByUserAsync(session.Provider, session.UserName, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(active.Where(s => s.Id != session.Id).Take(active.Count - _options.MaxSessionsPerUser).Select(EndAsync)).ConfigureAwait(false);
        }

        return new IssuedSession(session, new SessionTicket(session.Id, secret));
    }

    public async Task<Session?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        var record = await ReadAsync(sessionId);
        return record is { } r && SessionRules.IsActive(r.Session, SessionRules.Now(time), _options) ? r.Session : null;
    }

    public async Task<Session?> AuthenticateAsync(SessionTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        cancellationToken.ThrowIfCancellationRequested();

        var record = await ReadAsync(ticket.SessionId);
        var now = SessionRules.Now(time);
        if (record is not var (session, secretHash)
            || !SessionRules.IsActive(session, now, _options)
            || !SessionSecrets.Matches(secretHash, ticket.Secret))
        {
            return null;
        }

        if (!SessionRules.NeedsTouch(session, now, _options))
        {
            return session;
        }

        // A use recorded after a concurrent revocation leaves a stray last-seen key, which expires by
        // itself; without the hash it makes no session.
        var touched = session with { LastSeenAt = now };
        try
        {
            await redis.GetDatabase().StringSetAsync(
                _keys.LastSeen(session.Id), now.ToUnixTimeMilliseconds(), SessionRules.SafetyTtl(touched, now, _options));
            return touched;
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public Task<IReadOnlyList<Session>> ListByUserAsync(string provider, string userName, CancellationToken cancellationToken = default)
        => _index.ListAsync(provider, userName, cancellationToken);

    public Task<IReadOnlyList<string>> ListUserNamesAsync(string provider, CancellationToken cancellationToken = default)
        => _index.UserNamesAsync(provider, cancellationToken);

    public async Task<bool> SetRolesAsync(string sessionId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(roles);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(
                SetFieldScript, [_keys.Session(sessionId)], [RedisSessionRecord.RolesField, RedisSessionRecord.Json(roles)]);
            return (long)result == 1;
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<bool> RevokeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        cancellationToken.ThrowIfCancellationRequested();

        var record = await ReadAsync(sessionId);
        if (record is not var (session, _) || !SessionRules.IsActive(session, SessionRules.Now(time), _options))
        {
            return false;
        }

        await EndAsync(session);
        return true;
    }

    public async Task<Session?> SignOutAsync(SessionTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        cancellationToken.ThrowIfCancellationRequested();

        var record = await ReadAsync(ticket.SessionId);
        if (record is not var (session, secretHash)
            || !SessionRules.IsActive(session, SessionRules.Now(time), _options)
            || !SessionSecrets.Matches(secretHash, ticket.Secret))
        {
            return null;
        }

        await EndAsync(session);
        return session;
    }

    public async Task<int> RevokeAllAsync(string provider, string userName, string? exceptSessionId = null, CancellationToken cancellationToken = default)
    {
        var active = (await ListByUserAsync(provider, userName, cancellationToken)).Where(s => s.Id != exceptSessionId).ToList();
        await Task.WhenAll(active.Select(EndAsync));
        return active.Count;
    }

    /// <summary>Revokes (recorded, published) and deletes a session read just before.</summary>
    private async Task EndAsync(Session session)
    {
        var revoked = _keys.Revoked(session.Id);
        var hash = _keys.Session(session.Id);
        var index = _keys.UserSessions(session.Provider, session.UserName);
        var lastSeen = _keys.LastSeen(session.Id);
        try
        {
            if (!IsCluster())
            {
                // One server runs the script atomically: revoked, published, deleted, in that order.
                await revocations.RevokeAsync(session.Id, [revoked, hash, index, lastSeen]).ConfigureAwait(false);
            }
            else
            {
                // Nodes do not order each other's commands: the deletes wait for the revocation.
                await revocations.RevokeAsync(session.Id, [revoked]).ConfigureAwait(false);
                var batch = redis.GetDatabase().CreateBatch();
                var delete = batch.KeyDeleteAsync(hash);
                var forget = batch.KeyDeleteAsync(lastSeen);
                var unindex = batch.SetRemoveAsync(index, session.Id);
                batch.Execute();
                await Task.WhenAll(delete, forget, unindex).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    private bool IsCluster()
    {
        foreach (var server in redis.GetServers())
        {
            if (server.ServerType == ServerType.Cluster)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<(Session Session, byte[] SecretHash)?> ReadAsync(string sessionId)
    {
        try
        {
            var batch = redis.GetDatabase().CreateBatch();
            var entries = batch.HashGetAllAsync(_keys.Session(sessionId));
            var lastSeen = batch.StringGetAsync(_keys.LastSeen(sessionId));
            batch.Execute();
            return RedisSessionRecord.Read(sessionId, await entries, await lastSeen);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }
}
