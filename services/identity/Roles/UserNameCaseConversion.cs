namespace AtotiAuth.Identity.Roles;

/// <summary>
/// How a provider normalises login names before roles are looked up (Atoti's
/// <c>username_case_conversion</c>, ATOTI-CONTRACT.md "LdapConfig"), so that case-sensitive
/// individual roles match whatever case the user typed.
/// </summary>
public enum UserNameCaseConversion
{
    /// <summary>The name is kept as the provider returned it.</summary>
    None,

    /// <summary>The name is upper-cased (invariant culture).</summary>
    Upper,

    /// <summary>The name is lower-cased (invariant culture).</summary>
    Lower,
}
