using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Identity.Throttling;

/// <summary>
/// Login attempts in Redis: a hash per key with the window's end (from the injected clock), the total
/// and one count per field (<c>f:{field}</c>), and the same for attempts under way (<c>pending</c>,
/// <c>p:{field}</c>), checked and counted by one script so concurrent replicas never evaluate more than
/// the limit; the key's TTL is its window. Remembered members are a hash of
/// member → time, expiring with the newest.
/// </summary>
internal sealed class RedisLoginAttemptStore(
    IConnectionMultiplexer redis,
    IOptions<StoreOptions> storeOptions,
    TimeProvider time) : ILoginAttemptStore
{
    /// <summary>
    /// ARGV: now (ms), window (ms), field, field limit, total limit. 0 counted, 1 field full, 2 total full,
    /// 3 full only with attempts under way. <c>f:</c> and <c>total</c> count attempts, <c>p:</c> and
    /// <c>pending</c> those under way.
    /// </summary>
    private const string TryCountScript = """
        local now = tonumber(ARGV[1])
        local ends = tonumber(redis.call('HGET', KEYS[1], 'ends'))
        if ends == nil or now >= ends then
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], 'ends', now + tonumber(ARGV[2]), 'total', 0, 'pending', 0)
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        local field, pending = 'f:' .. ARGV[3], 'p:' .. ARGV[3]
        if tonumber(redis.call('HGET', KEYS[1], field) or '0') >= tonumber(ARGV[4]) then
          if tonumber(redis.call('HGET', KEYS[1], pending) or '0') > 0 then return 3 end
          return 1
        end
        if tonumber(redis.call('HGET', KEYS[1], 'total') or '0') >= tonumber(ARGV[5]) then
          if tonumber(redis.call('HGET', KEYS[1], 'pending') or '0') > 0 then return 3 end
          return 2
        end
        redis.call('HINCRBY', KEYS[1], field, 1)
        redis.call('HINCRBY', KEYS[1], 'total', 1)
        redis.call('HINCRBY', KEYS[1], pending, 1)
        redis.call('HINCRBY', KEYS[1], 'pending', 1)
        return 0
        """;

    /// <summary>ARGV: field, end (0 failed, 1 withdrawn, 2 succeeded). Ends only what the field holds under way.</summary>
    private const string EndScript = """
        local field, pending = 'f:' .. ARGV[1], 'p:' .. ARGV[1]
        if tonumber(redis.call('HGET', KEYS[1], pending) or '0') <= 0 then return 0 end
        redis.call('HINCRBY', KEYS[1], pending, -1)
        redis.call('HINCRBY', KEYS[1], 'pending', -1)
        if ARGV[2] == '0' then return 1 end
        redis.call('HINCRBY', KEYS[1], 'total', -1)
        if ARGV[2] == '2' then
          redis.call('HSET', KEYS[1], field, 0)
        else
          redis.call('HINCRBY', KEYS[1], field, -1)
        end
        return 1
        """;

    /// <summary>ARGV: member, now (ms), lifetime (ms).</summary>
    private const string RememberScript = """
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private readonly RedisKeys _keys = new(storeOptions.Value.KeyPrefix);

    public async Task<AttemptVerdict> TryCountAsync(string key, string field, int fieldLimit, int totalLimit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        var result = await EvaluateAsync(
            TryCountScript, key, [time.GetUtcNow().ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds, field, fieldLimit, totalLimit], cancellationToken);
        return (AttemptVerdict)(int)result;
    }

    public Task EndAsync(string key, string field, AttemptEnd end, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(field);
        return EvaluateAsync(EndScript, key, [field, (int)end], cancellationToken);
    }

    public async Task<int> GetAsync(string key, string? field = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] values;
        try
        {
            values = await redis.GetDatabase().HashGetAsync(_keys.LoginAttempts(key), ["ends", field is null ? "total" : "f:" + field]);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }

        return values[0].TryParse(out long ends) && time.GetUtcNow().ToUnixTimeMilliseconds() < ends && values[1].TryParse(out int count)
            ? count
            : 0;
    }

    public async Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(_keys.LoginAttempts(key));
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public Task RememberAsync(string key, string member, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(member);
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.FromMilliseconds(1));
        return EvaluateAsync(RememberScript, key, [member, time.GetUtcNow().ToUnixTimeMilliseconds(), (long)lifetime.TotalMilliseconds], cancellationToken);
    }

    public async Task<bool> IsRememberedAsync(string key, string member, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(member);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue at;
        try
        {
            at = await redis.GetDatabase().HashGetAsync(_keys.LoginAttempts(key), member);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }

        return at.TryParse(out long milliseconds)
            && time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) < lifetime;
    }

    private async Task<RedisResult> EvaluateAsync(string script, string key, RedisValue[] arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await redis.GetDatabase().ScriptEvaluateAsync(script, [_keys.LoginAttempts(key)], arguments);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }
}
