namespace AtotiAuth.Identity.Roles;

/// <summary>How a provider's own role names are matched against the keys of its role mapping.</summary>
public enum RoleKeyComparison
{
    /// <summary>Exact, case-sensitive match (OIDC role claims, basic users).</summary>
    Ordinal,

    /// <summary>
    /// Both sides upper-cased before comparing: Atoti capitalises LDAP group names, so a mapping key
    /// <c>ROLE_ATOTI_USER</c> matches the group <c>role_atoti_user</c> (seed <c>000_…</c>).
    /// </summary>
    UpperCase,
}
