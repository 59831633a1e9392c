using AtotiAuth.Shared.Roles;

namespace AtotiAuth.Shared.Store.InMemory;

/// <summary>Roles of the standalone host.</summary>
internal sealed class InMemoryRoleStore : IRoleStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string[]> _individual = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string[]>> _mappings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _defaults = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> GetIndividualRolesAsync(string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(_individual.GetValueOrDefault(userName) ?? []);
        }
    }

    public Task SetIndividualRolesAsync(string userName, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        var set = RoleSets.Normalize(roles);
        lock (_gate)
        {
            Put(_individual, userName, set);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListIndividualRolesAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(Copy(_individual));
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
            if (!_mappings.TryGetValue(provider, out var mapping))
            {
                _mappings[provider] = mapping = new Dictionary<string, string[]>(StringComparer.Ordinal);
            }

            Put(mapping, key, set);
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
