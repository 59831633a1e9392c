namespace AtotiAuth.Identity.Ldap;

/// <summary>What the user search found.</summary>
internal enum LdapUserLookupKind
{
    Found,
    NotFound,

    /// <summary>The filter matched more than one entry: refused, since binding as either would be a guess.</summary>
    Ambiguous,

    /// <summary>The entry has no single value of <see cref="LdapOptions.UserNameAttribute"/> to name the session after.</summary>
    NoName,
}

/// <summary>The user search's result and, when found, the entry's DN and its own login name.</summary>
internal sealed record LdapUserLookup(LdapUserLookupKind Kind, string? Dn, string? UserName)
{
    public static readonly LdapUserLookup NotFound = new(LdapUserLookupKind.NotFound, null, null);

    public static readonly LdapUserLookup Ambiguous = new(LdapUserLookupKind.Ambiguous, null, null);

    public static readonly LdapUserLookup NoName = new(LdapUserLookupKind.NoName, null, null);
}
