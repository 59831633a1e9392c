using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Markers (<c>SET NX PX</c>, atomic across replicas, so a replayed value is refused by all of them),
/// sets (<c>SADD</c> + <c>PEXPIRE GT</c>) and first-write-wins values (one script, so Redis 6 serves
/// too) under <c>{prefix}ephemeral:</c>.
/// </summary>
internal sealed class RedisEphemeralStore(IConnectionMultiplexer redis, IOptions<StoreOptions> storeOptions) : IEphemeralStore
{
    private const string AddScript = """
        redis.call('SADD', KEYS[1], ARGV[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 1
        """;

    private const string GetOrAddScript = """
        local stored = redis.call('GET', KEYS[1])
        if stored then return stored end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return ARGV[1]
        """;

    private readonly string _prefix = storeOptions.Value.KeyPrefix + "ephemeral:";

    public async Task<bool> TryMarkAsync(string key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await redis.GetDatabase().StringSetAsync(_prefix + key, "1", timeToLive, When.NotExists).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task AddToSetAsync(string key, string member, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(member);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(AddScript, [(RedisKey)(_prefix + key)], [member, (long)timeToLive.TotalMilliseconds]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<IReadOnlyList<string>> GetSetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var members = await redis.GetDatabase().SetMembersAsync(_prefix + key).ConfigureAwait(false);
            return [.. members.Select(static m => m.ToString())];
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<string> GetOrAddAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(value);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var stored = await redis.GetDatabase().ScriptEvaluateAsync(GetOrAddScript, [(RedisKey)(_prefix + key)], [value, (long)timeToLive.TotalMilliseconds]).ConfigureAwait(false);
            return stored.ToString();
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }
}
