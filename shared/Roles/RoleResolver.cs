namespace AtotiAuth.Shared.Roles;

/// <summary>
/// A principal's final roles, by Atoti's rule (DESIGN.md §3, ATOTI-CONTRACT.md "Users and roles"):
/// individual roles of the user name ∪ roles mapped from the provider's roles or from the user
/// name; only when both are empty, the provider's default roles. Reads the store at every call (the
/// three reads at once), so
/// changes made through the admin API apply at the next login without a restart.
/// </summary>
public sealed class RoleResolver(IRoleStore roles)
{
    /// <summary>Reads individual roles, the provider's mapping and default roles, and combines them.</summary>
    public Task<IReadOnlyList<string>> ResolveAsync(RoleResolutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Read(request.Provider, request.UserName, cancellationToken).ResolveAsync(request.ProviderRoles, request.KeyComparison);
    }

    /// <summary>
    /// Starts the three reads for a principal whose provider roles are not known yet, so that they
    /// overlap the provider's own work (an LDAP login reads them while the directory binds and lists
    /// groups); <see cref="PendingRoles.ResolveAsync"/> combines them once the provider roles are in.
    /// </summary>
    public PendingRoles Read(string provider, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(userName);
        // The three reads go out together: one round trip to Redis instead of three.
        return new PendingRoles(
            provider,
            userName,
            roles.GetIndividualRolesAsync(userName, cancellationToken),
            roles.GetRoleMappingAsync(provider, cancellationToken),
            roles.GetDefaultRolesAsync(provider, cancellationToken));
    }

    /// <summary>
    /// The rule itself, without the store. The user name matches a mapping key exactly (user names are
    /// case-sensitive, as individual roles are); provider roles match by <see cref="RoleResolutionRequest.KeyComparison"/>.
    /// The result is distinct and sorted ordinally.
    /// </summary>
    public static IReadOnlyList<string> Combine(
        RoleResolutionRequest request,
        IEnumerable<string> individualRoles,
        IReadOnlyDictionary<string, IReadOnlyList<string>> mapping,
        IEnumerable<string> defaultRoles)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(individualRoles);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(defaultRoles);

        var result = new SortedSet<string>(individualRoles.Where(IsRole), StringComparer.Ordinal);
        foreach (var (key, mapped) in mapping)
        {
            if (Matches(request, key))
            {
                result.UnionWith(mapped.Where(IsRole));
            }
        }

        if (result.Count == 0)
        {
            result.UnionWith(defaultRoles.Where(IsRole));
        }

        return [.. result];
    }

    private static bool Matches(RoleResolutionRequest request, string key)
    {
        if (string.Equals(key, request.UserName, StringComparison.Ordinal))
        {
            return true;
        }

        var normalizedKey = Normalize(request.KeyComparison, key);
        return request.ProviderRoles.Any(role => string.Equals(Normalize(request.KeyComparison, role), normalizedKey, StringComparison.Ordinal));
    }

    private static string Normalize(RoleKeyComparison comparison, string value)
        => comparison == RoleKeyComparison.UpperCase ? value.ToUpperInvariant() : value;

    private static bool IsRole(string role) => !string.IsNullOrWhiteSpace(role);
}
