using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Identity.Roles;

/// <summary>
/// A principal's final roles, by Atoti's rule (DESIGN.md §3, ATOTI-CONTRACT.md "Users and roles"),
/// within its own provider (issue 22): the principal's individual roles (and those of the principal an
/// admin linked it to) ∪ the provider's mapped roles, whose keys are the provider's roles or
/// <c>user:{name}</c>; only when both are empty, the provider's default roles. Reads the store at every
/// call, so changes made through the admin API apply at the next login without a restart.
/// </summary>
public sealed class RoleResolver(IRoleStore roles)
{
    /// <summary>A mapping key of this form matches a user name, never a provider role or group.</summary>
    public const string UserKeyPrefix = "user:";

    /// <summary>Reads individual roles, the link, the provider's mapping and default roles, and combines them.</summary>
    public async Task<IReadOnlyList<string>> ResolveAsync(RoleResolutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PrincipalId.Validate(request.Provider, request.UserName);

        // The four reads go out together: one round trip to Redis.
        var individual = roles.GetIndividualRolesAsync(request.Provider, request.UserName, cancellationToken);
        var link = roles.GetLinkAsync(request.Principal, cancellationToken);
        var mapping = roles.GetRoleMappingAsync(request.Provider, cancellationToken);
        var defaults = roles.GetDefaultRolesAsync(request.Provider, cancellationToken);
        await Task.WhenAll(individual, link, mapping, defaults).ConfigureAwait(false);

        IEnumerable<string> own = await individual.ConfigureAwait(false);
        if (await link.ConfigureAwait(false) is { } target)
        {
            own = own.Concat(await roles.GetIndividualRolesAsync(target.Provider, target.UserName, cancellationToken).ConfigureAwait(false));
        }

        return Combine(request, own, await mapping.ConfigureAwait(false), await defaults.ConfigureAwait(false));
    }

    /// <summary>
    /// The rule itself, without the store. A <c>user:{name}</c> key matches the user name exactly (user
    /// names are case-sensitive, as individual roles are); any other key matches provider roles by
    /// <see cref="RoleResolutionRequest.KeyComparison"/>, never the user name, so nobody picks up a
    /// mapping by calling themselves after a group. The result is distinct and sorted ordinally.
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

    /// <summary>True when <paramref name="key"/> is a <c>user:{name}</c> mapping key.</summary>
    public static bool IsUserKey(string key) => key.StartsWith(UserKeyPrefix, StringComparison.Ordinal);

    private static bool Matches(RoleResolutionRequest request, string key)
    {
        if (IsUserKey(key))
        {
            return string.Equals(key[UserKeyPrefix.Length..], request.UserName, StringComparison.Ordinal);
        }

        var normalizedKey = Normalize(request.KeyComparison, key);
        return request.ProviderRoles.Any(role => string.Equals(Normalize(request.KeyComparison, role), normalizedKey, StringComparison.Ordinal));
    }

    private static string Normalize(RoleKeyComparison comparison, string value)
        => comparison == RoleKeyComparison.UpperCase ? value.ToUpperInvariant() : value;

    private static bool IsRole(string role) => !string.IsNullOrWhiteSpace(role);
}
