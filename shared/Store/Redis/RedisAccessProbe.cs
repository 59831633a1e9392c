using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Tries what this service does with the store (<see cref="StoreAccess"/>) with commands that change
/// nothing: reads of a probe key, <c>EVAL "return 1"</c> on a key of each family it writes (Redis checks
/// a script's keys for both read and write access, and the right to run scripts), <c>PUBLISH</c> of an
/// empty message (which subscribers ignore). One batch, one round trip per server. Lists what Redis
/// refused, by family and command, so a missing ACL permission fails readiness with its name rather
/// than a request with a 503 (issue 21).
/// </summary>
internal sealed class RedisAccessProbe(
    IConnectionMultiplexer redis,
    IEnumerable<StoreAccessRequirement> requirements,
    IOptions<StoreOptions> options)
{
    private const string Probe = "acl-probe";
    private const string NoOpScript = "return 1";

    private readonly StoreAccess _access = requirements.Aggregate(StoreAccess.None, static (all, r) => all | r.Access);
    private readonly string _prefix = options.Value.KeyPrefix;
    private readonly int _replicas = options.Value.RevocationReplicas;

    /// <summary>What Redis refused, e.g. <c>write sessions (EVAL on atotiauth:session:acl-probe): NOPERM …</c>; empty when nothing.</summary>
    /// <exception cref="RedisException">Redis could not be asked (the caller reports the outage).</exception>
    public async Task<IReadOnlyList<string>> FindRefusedAsync()
    {
        var batch = redis.GetDatabase().CreateBatch();
        var probes = new List<(string What, Task Reply)>();
        void Read(StoreAccess access, string what, string key, Func<IBatch, RedisKey, Task> command)
        {
            if (_access.HasFlag(access))
            {
                probes.Add(($"{what} ({_prefix}{key})", command(batch, _prefix + key)));
            }
        }

        void Write(StoreAccess access, string what, string key) => Read(access, what, key, static (b, k) => b.ScriptEvaluateAsync(NoOpScript, [k]));

        Read(StoreAccess.ReadSessions, "read sessions", $"session:{Probe}", static (b, k) => b.HashGetAllAsync(k));
        Read(StoreAccess.ReadSessions, "read sessions' last use", $"last-seen:{Probe}", static (b, k) => b.StringGetAsync(k));
        Read(StoreAccess.RecordSessionUse, "record a session's use", $"last-seen:{Probe}", static (b, k) => b.StringSetAsync(k, string.Empty, TimeSpan.FromMilliseconds(1), When.Exists));
        Write(StoreAccess.WriteSessions, "write sessions", $"session:{Probe}");
        Write(StoreAccess.WriteSessions, "write sessions' last use", $"last-seen:{Probe}");
        Write(StoreAccess.WriteSessions, "write users' session lists", $"user-sessions:{Probe}");
        Read(StoreAccess.ReadRevocations, "read revocations", $"revoked:{Probe}", static (b, k) => b.StringGetAsync(k));
        Write(StoreAccess.WriteRevocations, "write revocations", $"revoked:{Probe}");
        Write(StoreAccess.Users, "write users", "users");
        Write(StoreAccess.Roles, "write roles", $"roles:{Probe}");
        Write(StoreAccess.LoginAttempts, "count failed logins", $"login-attempts:{Probe}");
        Write(StoreAccess.Ephemeral, "write one-time markers", $"ephemeral:{Probe}");
        Read(StoreAccess.KeyRing, "read the key ring", "data-protection-keys", static (b, k) => b.ListLengthAsync(k));
        Write(StoreAccess.KeyRing, "add to the key ring", "data-protection-keys");
        Write(StoreAccess.KeyRing, "take the key ring's lock", "data-protection-keys:lock");
        Read(StoreAccess.ReadGeneration, "read the store's generation", "generation", static (b, k) => b.StringGetAsync(k));
        Write(StoreAccess.WriteGeneration, "write the store's generation", "generation");
        if (_access.HasFlag(StoreAccess.WriteRevocations))
        {
            var channel = RedisChannel.Literal(_prefix + "revocations");
            probes.Add(($"publish revocations (PUBLISH {channel})", batch.PublishAsync(channel, RedisValue.EmptyString)));
            if (_replicas > 0)
            {
                probes.Add(("wait for replicas (WAIT, AtotiAuth:Store:RevocationReplicas)", batch.ExecuteAsync("WAIT", 0, 1)));
            }
        }

        batch.Execute();
        var refused = new List<string>();
        foreach (var (what, reply) in probes)
        {
            try
            {
                await reply.ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (RedisFailures.IsRefused(ex))
            {
                refused.Add($"{what}: {ex.Message.Split('\n')[0].Trim()}");
            }
        }

        return refused;
    }
}
