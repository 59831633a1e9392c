namespace AtotiAuth.Identity.Ldap;

/// <summary>Distinguished names as configuration gives them (RFC 4514): syntax check and relative bases.</summary>
internal static class LdapDn
{
    /// <summary>
    /// <c>relative,baseDn</c>; the base alone when <paramref name="relative"/> is empty (Atoti's
    /// <c>user_search_base</c> <c>''</c>).
    /// </summary>
    public static string Combine(string? relative, string baseDn)
    {
        ArgumentNullException.ThrowIfNull(baseDn);
        var part = relative?.Trim() ?? "";
        return part.Length == 0 ? baseDn.Trim() : $"{part},{baseDn.Trim()}";
    }

    /// <summary>
    /// True when every RDN has the form <c>type=value</c> with a non-empty type and value (commas and
    /// plus signs escaped by <c>\</c> do not split), and no control characters: enough to catch a
    /// misspelt setting at start, the server judges the rest.
    /// </summary>
    public static bool IsWellFormed(string? dn)
    {
        if (string.IsNullOrWhiteSpace(dn) || dn.Any(char.IsControl))
        {
            return false;
        }

        foreach (var rdn in SplitUnescaped(dn, ','))
        {
            foreach (var ava in SplitUnescaped(rdn, '+'))
            {
                var equals = ava.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || ava[..equals].Trim().Length == 0 || ava[(equals + 1)..].Trim().Length == 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static List<string> SplitUnescaped(string value, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
            }
            else if (value[i] == separator)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }
}
