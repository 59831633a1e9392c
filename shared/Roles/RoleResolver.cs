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
    public async Task<IReadOnlyList<string>> ResolveAsync(RoleResolutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The three reads go out together: one round trip to Redis instead of three.
        var individual = roles.GetIndividualRolesAsync(request.UserName, cancellationToken);
        var mapping = roles.GetRoleMappingAsync(request.Provider, cancellationToken);
        var defaults = roles.GetDefaultRolesAsync(request.Provider, cancellationToken);
        await Task.WhenAll(individual, mapping, defaults).ConfigureAwait(false);
        return Combine(
            request,
            await individual.ConfigureAwait(false),
            await mapping.ConfigureAwait(false),
            await defaults.ConfigureAwait(false));
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
