using System.Text.Json;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Identity.Roles;

/// <summary>
/// Roles in Redis hashes whose values are JSON arrays: individual roles (one hash per provider, user
/// name → roles), one mapping per provider (provider role or <c>user:{name}</c> → roles), default roles
/// (provider → roles), and the links between principals (<c>{provider}/{user}</c> → <c>{provider}/{user}</c>).
/// </summary>
internal sealed class RedisRoleStore(IConnectionMultiplexer redis, IOptions<StoreOptions> storeOptions) : IRoleStore
{
    private readonly RedisKeys _keys = new(storeOptions.Value.KeyPrefix);

    public Task<IReadOnlyList<string>> GetIndividualRolesAsync(string provider, string userName, CancellationToken cancellationToken = default)
    {
        PrincipalId.Validate(provider, userName);
        return GetAsync(_keys.IndividualRoles(provider), userName, cancellationToken);
    }

    public Task SetIndividualRolesAsync(string provider, string userName, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        PrincipalId.Validate(provider, userName);
        return SetAsync(_keys.IndividualRoles(provider), userName, roles, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListIndividualRolesAsync(string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        return GetAllAsync(_keys.IndividualRoles(provider), cancellationToken);
    }

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

    public async Task<PrincipalId?> GetLinkAsync(PrincipalId principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        PrincipalId.Validate(principal.Provider, principal.UserName);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var target = await redis.GetDatabase().HashGetAsync(_keys.RoleLinks, principal.ToString());
            return PrincipalId.TryParse(target, out var parsed) ? parsed : null;
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task SetLinkAsync(PrincipalId principal, PrincipalId? target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        PrincipalId.Validate(principal.Provider, principal.UserName);
        if (target is not null)
        {
            PrincipalId.Validate(target.Provider, target.UserName);
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var db = redis.GetDatabase();
            if (target is null)
            {
                await db.HashDeleteAsync(_keys.RoleLinks, principal.ToString());
            }
            else
            {
                await db.HashSetAsync(_keys.RoleLinks, principal.ToString(), target.ToString());
            }
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    public async Task<IReadOnlyDictionary<PrincipalId, PrincipalId>> ListLinksAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        HashEntry[] entries;
        try
        {
            entries = await redis.GetDatabase().HashGetAllAsync(_keys.RoleLinks);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }

        var links = new Dictionary<PrincipalId, PrincipalId>();
        foreach (var entry in entries)
        {
            if (PrincipalId.TryParse(entry.Name, out var from) && PrincipalId.TryParse(entry.Value, out var to))
            {
                links[from] = to;
            }
        }

        return links;
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
                await db.HashSetAsync(hash, field, Serialize(set));
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

    internal static string Serialize(string[] roles) => JsonSerializer.Serialize(roles, IdentityStoreJsonContext.Default.StringArray);

    internal static string[] Deserialize(RedisValue json) =>
        JsonSerializer.Deserialize((string)json!, IdentityStoreJsonContext.Default.StringArray) ?? [];
}
