namespace AtotiAuth.Identity.Ldap;

/// <summary>What the user search found.</summary>
internal enum LdapUserLookupKind
{
    Found,
    NotFound,

    /// <summary>The filter matched more than one entry: refused, since binding as either would be a guess.</summary>
    Ambiguous,
}

/// <summary>The user search's result and, when found, the entry's DN.</summary>
internal sealed record LdapUserLookup(LdapUserLookupKind Kind, string? Dn)
{
    public static readonly LdapUserLookup NotFound = new(LdapUserLookupKind.NotFound, null);

    public static readonly LdapUserLookup Ambiguous = new(LdapUserLookupKind.Ambiguous, null);
}
