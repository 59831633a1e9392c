using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// The sessions' part of store layout 2 (issue 22): every session index, old (per user name) or new (per
/// principal), read once, and each session moved into its principal's index, its provider renamed where
/// the identity service renamed one. The identity service's layout migration calls it under its lock;
/// only this library knows how a session is kept.
/// </summary>
public sealed class RedisSessionIndexMigration(
    IConnectionMultiplexer redis,
    IOptions<StoreOptions> store,
    IOptions<SessionOptions> sessionOptions)
{
    private readonly RedisKeys _keys = new(store.Value.KeyPrefix);

    /// <summary>Moves the sessions; returns how many changed index.</summary>
    /// <param name="renamedProviders">Old provider id → new one.</param>
    /// <param name="cancellationToken">Stops between indexes.</param>
    public async Task<int> MoveSessionsAsync(IReadOnlyDictionary<string, string> renamedProviders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(renamedProviders);
        var db = redis.GetDatabase();
        var moved = 0;
        foreach (var server in redis.GetServers().Where(static s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var index in server.KeysAsync(db.Database, _keys.LegacyUserSessionsPattern, pageSize: 500).WithCancellation(cancellationToken))
            {
                foreach (var member in await db.SetMembersAsync(index))
                {
                    string sessionId = member!;
                    var fields = await db.HashGetAsync(_keys.Session(sessionId), [RedisSessionRecord.ProviderField, RedisSessionRecord.UserField]);
                    if (fields[0].IsNull || fields[1].IsNull)
                    {
                        await db.SetRemoveAsync(index, member);
                        continue;
                    }

                    string provider = fields[0]!;
                    string userName = fields[1]!;
                    if (renamedProviders.TryGetValue(provider, out var renamed))
                    {
                        provider = renamed;
                        await db.HashSetAsync(_keys.Session(sessionId), RedisSessionRecord.ProviderField, provider);
                    }

                    var target = _keys.UserSessions(provider, userName);
                    if (target != index)
                    {
                        // As long as the newest session can live, as a login sets it (SessionRules.IndexTtl).
                        var ttl = SessionRules.IndexTtl(sessionOptions.Value);
                        await db.SetAddAsync(target, member);
                        await db.KeyExpireAsync(target, ttl);
                        await db.SetAddAsync(_keys.SessionUsers(provider), userName);
                        await db.KeyExpireAsync(_keys.SessionUsers(provider), ttl);
                        await db.SetRemoveAsync(index, member);
                        moved++;
                    }
                }
            }
        }

        return moved;
    }
}
