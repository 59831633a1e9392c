using AtotiAuth.Shared.Throttling;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Login throttling counters in Redis: a hash per key with the window's end (from the injected clock)
/// and the count, updated by one script so concurrent replicas never lose a count.
/// </summary>
internal sealed class RedisLoginAttemptStore(
    IConnectionMultiplexer redis,
    IOptions<StoreOptions> storeOptions,
    TimeProvider time) : ILoginAttemptStore
{
    private const string EndsField = "ends";
    private const string CountField = "count";

    /// <summary>ARGV: now (ms), window (ms). A window that ended starts over at 1.</summary>
    private const string IncrementScript = """
        local ends = tonumber(redis.call('HGET', KEYS[1], 'ends'))
        if ends == nil or tonumber(ARGV[1]) >= ends then
          redis.call('HSET', KEYS[1], 'ends', tonumber(ARGV[1]) + tonumber(ARGV[2]), 'count', 1)
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        return redis.call('HINCRBY', KEYS[1], 'count', 1)
        """;

    private readonly RedisKeys _keys = new(storeOptions.Value.KeyPrefix);

    public async Task<int> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(
                IncrementScript,
                [_keys.LoginAttempts(key)],
                [time.GetUtcNow().ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds]);
            return (int)result;
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<int> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] values;
        try
        {
            values = await redis.GetDatabase().HashGetAsync(_keys.LoginAttempts(key), [EndsField, CountField]);
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
}
