namespace AtotiAuth.Shared.Roles;

/// <summary>
/// Individual roles (per user name), role mappings and default roles (per provider), as Atoti's
/// <c>session.security</c> keeps them (DESIGN.md §3). Role sets are returned sorted, ordinal.
/// </summary>
public interface IRoleStore
{
    /// <summary>A user's individual roles (empty when none).</summary>
    Task<IReadOnlyList<string>> GetIndividualRolesAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Replaces a user's individual roles; an empty set removes the entry.</summary>
    Task SetIndividualRolesAsync(string userName, IEnumerable<string> roles, CancellationToken cancellationToken = default);

    /// <summary>Every user name with individual roles.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListIndividualRolesAsync(CancellationToken cancellationToken = default);

    /// <summary>A provider's role mapping: provider role or user name → roles.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetRoleMappingAsync(string provider, CancellationToken cancellationToken = default);

    /// <summary>Sets one mapping entry; an empty set removes it.</summary>
    Task SetRoleMappingAsync(string provider, string key, IEnumerable<string> roles, CancellationToken cancellationToken = default);

    /// <summary>A provider's default roles, given only to users with no individual and no mapped role.</summary>
    Task<IReadOnlyList<string>> GetDefaultRolesAsync(string provider, CancellationToken cancellationToken = default);

    /// <summary>Replaces a provider's default roles.</summary>
    Task SetDefaultRolesAsync(string provider, IEnumerable<string> roles, CancellationToken cancellationToken = default);
}
