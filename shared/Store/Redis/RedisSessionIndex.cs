using AtotiAuth.Shared.Sessions;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// The indexes of <see cref="RedisSessionStore"/>: a set of session ids per principal, pruned of ended
/// sessions when listed, and a set of user names per provider, pruned of users left without sessions.
/// </summary>
internal sealed class RedisSessionIndex(IConnectionMultiplexer redis, RedisKeys keys, SessionOptions options, TimeProvider time)
{
    public async Task<IReadOnlyList<Session>> ListAsync(string provider, string userName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(userName);
        cancellationToken.ThrowIfCancellationRequested();

        var userSessions = keys.UserSessions(provider, userName);
        try
        {
            var db = redis.GetDatabase();
            var ids = await db.SetMembersAsync(userSessions);
            var reads = ids.Select(id => (Id: (string)id!, Read: db.HashGetAllAsync(keys.Session((string)id!)), Seen: db.StringGetAsync(keys.LastSeen((string)id!)))).ToArray();
            await Task.WhenAll(reads.SelectMany(static r => new Task[] { r.Read, r.Seen }));

            var now = SessionRules.Now(time);
            var active = new List<Session>(reads.Length);
            var ended = new List<RedisValue>();
            foreach (var (id, read, seen) in reads)
            {
                if (RedisSessionRecord.Read(id, await read, await seen) is var (session, _) && SessionRules.IsActive(session, now, options)
                    && session.Provider == provider && session.UserName == userName)
                {
                    active.Add(session);
                }
                else
                {
                    ended.Add(id);
                }
            }

            if (ended.Count > 0)
            {
                await db.SetRemoveAsync(userSessions, [.. ended]);
            }

            if (active.Count == 0)
            {
                await db.SetRemoveAsync(keys.SessionUsers(provider), userName);
            }

            return [.. active.OrderBy(static s => s.CreatedAt).ThenBy(static s => s.Id, StringComparer.Ordinal)];
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<IReadOnlyList<string>> UserNamesAsync(string provider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var names = await redis.GetDatabase().SetMembersAsync(keys.SessionUsers(provider));
            return [.. names.Select(static n => (string)n!).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }
}
