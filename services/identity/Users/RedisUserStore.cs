using System.Text.Json;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Identity.Users;

/// <summary>Basic users in one Redis hash (user name → JSON): a single key, so listing needs no SCAN across a cluster.</summary>
internal sealed class RedisUserStore(IConnectionMultiplexer redis, IOptions<StoreOptions> storeOptions) : IUserStore
{
    /// <summary>Replaces a user only when it exists, in one step.</summary>
    private const string UpdateScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    private readonly RedisKey _users = new RedisKeys(storeOptions.Value.KeyPrefix).Users;

    public async Task<BasicUser?> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var json = await redis.GetDatabase().HashGetAsync(_users, userName);
            return json.IsNull ? null : Deserialize(json);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<bool> CreateAsync(BasicUser user, CancellationToken cancellationToken = default)
    {
        UserRules.Validate(user);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await redis.GetDatabase().HashSetAsync(_users, user.UserName, Serialize(user), When.NotExists);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<bool> UpdateAsync(BasicUser user, CancellationToken cancellationToken = default)
    {
        UserRules.Validate(user);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(UpdateScript, [_users], [user.UserName, Serialize(user)]);
            return (long)result == 1;
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<bool> DeleteAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await redis.GetDatabase().HashDeleteAsync(_users, userName);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<IReadOnlyList<BasicUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        HashEntry[] entries;
        try
        {
            entries = await redis.GetDatabase().HashGetAllAsync(_users);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }

        return [.. entries.Select(static e => Deserialize(e.Value)).OrderBy(static u => u.UserName, StringComparer.Ordinal)];
    }

    private static string Serialize(BasicUser user) => JsonSerializer.Serialize(user, IdentityStoreJsonContext.Default.BasicUser);

    private static BasicUser Deserialize(RedisValue json) =>
        JsonSerializer.Deserialize((string)json!, IdentityStoreJsonContext.Default.BasicUser)
        ?? throw new InvalidDataException("A user record in Redis is empty.");
}
