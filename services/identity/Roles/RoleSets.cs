namespace AtotiAuth.Identity.Roles;

/// <summary>Role sets as the stores keep them: distinct, sorted ordinally, no empty names.</summary>
internal static class RoleSets
{
    public static string[] Normalize(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (string.IsNullOrWhiteSpace(role))
            {
                throw new ArgumentException("Role names must not be empty.", nameof(roles));
            }

            set.Add(role);
        }

        return [.. set];
    }

    public static SortedDictionary<string, IReadOnlyList<string>> NewMap() => new(StringComparer.Ordinal);
}
