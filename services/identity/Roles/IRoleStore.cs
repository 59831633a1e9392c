using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Identity.Roles;

/// <summary>
/// Individual roles and links (per principal: provider and user name), role mappings and default roles
/// (per provider), as Atoti's <c>session.security</c> keeps them, with every provider's users apart
/// (DESIGN.md §3, issue 22). Role sets are returned sorted, ordinal.
/// </summary>
public interface IRoleStore
{
    /// <summary>A principal's individual roles (empty when none).</summary>
    Task<IReadOnlyList<string>> GetIndividualRolesAsync(string provider, string userName, CancellationToken cancellationToken = default);

    /// <summary>Replaces a principal's individual roles; an empty set removes the entry.</summary>
    Task SetIndividualRolesAsync(string provider, string userName, IEnumerable<string> roles, CancellationToken cancellationToken = default);

    /// <summary>Every user name of the provider with individual roles.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListIndividualRolesAsync(string provider, CancellationToken cancellationToken = default);

    /// <summary>A provider's role mapping: provider role, or <c>user:{name}</c>, → roles.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetRoleMappingAsync(string provider, CancellationToken cancellationToken = default);

    /// <summary>Sets one mapping entry; an empty set removes it.</summary>
    Task SetRoleMappingAsync(string provider, string key, IEnumerable<string> roles, CancellationToken cancellationToken = default);

    /// <summary>A provider's default roles, given only to users with no individual and no mapped role.</summary>
    Task<IReadOnlyList<string>> GetDefaultRolesAsync(string provider, CancellationToken cancellationToken = default);

    /// <summary>Replaces a provider's default roles.</summary>
    Task SetDefaultRolesAsync(string provider, IEnumerable<string> roles, CancellationToken cancellationToken = default);

    /// <summary>The principal whose individual roles <paramref name="principal"/> shares, set by an admin; null when none.</summary>
    Task<PrincipalId?> GetLinkAsync(PrincipalId principal, CancellationToken cancellationToken = default);

    /// <summary>Links <paramref name="principal"/> to <paramref name="target"/>; null removes the link.</summary>
    Task SetLinkAsync(PrincipalId principal, PrincipalId? target, CancellationToken cancellationToken = default);

    /// <summary>Every link, from the linked principal to the one whose roles it shares.</summary>
    Task<IReadOnlyDictionary<PrincipalId, PrincipalId>> ListLinksAsync(CancellationToken cancellationToken = default);
}
