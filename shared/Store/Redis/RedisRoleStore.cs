using System.Text.Json;
using AtotiAuth.Shared.Roles;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store.Redis;

/// <summary>
/// Roles in Redis hashes whose values are JSON arrays: individual roles (user name → roles), one
/// mapping per provider (provider role or user name → roles) and default roles (provider → roles).
/// </summary>
internal sealed class RedisRoleStore(IConnectionMultiplexer redis, IOptions<StoreOptions> storeOptions) : IRoleStore
{
    private readonly RedisKeys _keys = new(storeOptions.Value.KeyPrefix);

    public Task<IReadOnlyList<string>> GetIndividualRolesAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        return GetAsync(_keys.IndividualRoles, userName, cancellationToken);
    }

    public Task SetIndividualRolesAsync(string userName, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        return SetAsync(_keys.IndividualRoles, userName, roles, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListIndividualRolesAsync(CancellationToken cancellationToken = default) =>
        GetAllAsync(_keys.IndividualRoles, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetRoleMappingAsync(string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        return GetAllAsync(_keys.RoleMapping(provider), cancellationToken);
    }

    public Task SetRoleMappingAsync(string provider, string key, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return SetAsync(_keys.RoleMapping(provider), key, roles, cancellationToken);
    }

    public Task<IReadOnlyList<string>> GetDefaultRolesAsync(string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        return GetAsync(_keys.DefaultRoles, provider, cancellationToken);
    }

    public Task SetDefaultRolesAsync(string provider, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        return SetAsync(_keys.DefaultRoles, provider, roles, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> GetAsync(RedisKey hash, string field, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var json = await redis.GetDatabase().HashGetAsync(hash, field);
            return json.IsNull ? [] : Deserialize(json);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    private async Task SetAsync(RedisKey hash, string field, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var set = RoleSets.Normalize(roles);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var db = redis.GetDatabase();
            if (set.Length == 0)
            {
                await db.HashDeleteAsync(hash, field);
            }
            else
            {
                await db.HashSetAsync(hash, field, JsonSerializer.Serialize(set, StoreJsonContext.Default.StringArray));
            }
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetAllAsync(RedisKey hash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        HashEntry[] entries;
        try
        {
            entries = await redis.GetDatabase().HashGetAllAsync(hash);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }

        var map = RoleSets.NewMap();
        foreach (var entry in entries)
        {
            map[(string)entry.Name!] = Deserialize(entry.Value);
        }

        return map;
    }

    private static string[] Deserialize(RedisValue json) =>
        JsonSerializer.Deserialize((string)json!, StoreJsonContext.Default.StringArray) ?? [];
}
