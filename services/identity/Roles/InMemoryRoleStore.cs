using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Identity.Roles;

/// <summary>Roles of the standalone host.</summary>
internal sealed class InMemoryRoleStore : IRoleStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, string[]>> _individual = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string[]>> _mappings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _defaults = new(StringComparer.Ordinal);
    private readonly Dictionary<PrincipalId, PrincipalId> _links = [];

    public Task<IReadOnlyList<string>> GetIndividualRolesAsync(string provider, string userName, CancellationToken cancellationToken = default)
    {
        PrincipalId.Validate(provider, userName);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(_individual.GetValueOrDefault(provider)?.GetValueOrDefault(userName) ?? []);
        }
    }

    public Task SetIndividualRolesAsync(string provider, string userName, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        PrincipalId.Validate(provider, userName);
        var set = RoleSets.Normalize(roles);
        lock (_gate)
        {
            Put(MapOf(_individual, provider), userName, set);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListIndividualRolesAsync(string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(
                _individual.TryGetValue(provider, out var map) ? Copy(map) : RoleSets.NewMap());
        }
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetRoleMappingAsync(string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(
                _mappings.TryGetValue(provider, out var mapping) ? Copy(mapping) : RoleSets.NewMap());
        }
    }

    public Task SetRoleMappingAsync(string provider, string key, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var set = RoleSets.Normalize(roles);
        lock (_gate)
        {
            Put(MapOf(_mappings, provider), key, set);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetDefaultRolesAsync(string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(_defaults.GetValueOrDefault(provider) ?? []);
        }
    }

    public Task SetDefaultRolesAsync(string provider, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        var set = RoleSets.Normalize(roles);
        lock (_gate)
        {
            Put(_defaults, provider, set);
        }

        return Task.CompletedTask;
    }

    public Task<PrincipalId?> GetLinkAsync(PrincipalId principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        lock (_gate)
        {
            return Task.FromResult(_links.GetValueOrDefault(principal));
        }
    }

    public Task SetLinkAsync(PrincipalId principal, PrincipalId? target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        PrincipalId.Validate(principal.Provider, principal.UserName);
        lock (_gate)
        {
            if (target is null)
            {
                _links.Remove(principal);
            }
            else
            {
                PrincipalId.Validate(target.Provider, target.UserName);
                _links[principal] = target;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<PrincipalId, PrincipalId>> ListLinksAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<PrincipalId, PrincipalId>>(new Dictionary<PrincipalId, PrincipalId>(_links));
        }
    }

    private static Dictionary<string, string[]> MapOf(Dictionary<string, Dictionary<string, string[]>> maps, string provider)
    {
        if (!maps.TryGetValue(provider, out var map))
        {
            maps[provider] = map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        }

        return map;
    }

    private static void Put(Dictionary<string, string[]> map, string key, string[] roles)
    {
        if (roles.Length == 0)
        {
            map.Remove(key);
        }
        else
        {
            map[key] = roles;
        }
    }

    private static SortedDictionary<string, IReadOnlyList<string>> Copy(Dictionary<string, string[]> map)
    {
        var copy = RoleSets.NewMap();
        foreach (var (key, roles) in map)
        {
            copy[key] = roles;
        }

        return copy;
    }
}
