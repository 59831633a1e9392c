namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// A principal as MIT Kerberos displays it: components separated by <c>/</c>, then <c>@</c> and the realm,
/// with <c>\</c> escaping a separator inside a component (RFC 1964 §2.1.1).
/// </summary>
/// <param name="Name">The components, as displayed (<c>alice</c>, <c>HTTP/auth.example.com</c>).</param>
/// <param name="Realm">The realm (<c>EXAMPLE.COM</c>); empty when the text had none.</param>
internal readonly record struct KerberosPrincipalName(string Name, string Realm)
{
    /// <summary>Reads <c>name[@REALM]</c>; false for an empty name, an empty realm after <c>@</c>, or control characters.</summary>
    public static bool TryParse(string? text, out KerberosPrincipalName principal)
    {
        principal = default;
        if (string.IsNullOrEmpty(text) || text.Any(char.IsControl))
        {
            return false;
        }

        var at = LastUnescaped(text, '@');
        var name = at < 0 ? text : text[..at];
        var realm = at < 0 ? "" : text[(at + 1)..];
        if (name.Length == 0 || (at >= 0 && realm.Length == 0) || name.EndsWith('\\'))
        {
            return false;
        }

        principal = new KerberosPrincipalName(name, realm);
        return true;
    }

    /// <summary>The components of <see cref="Name"/>, split on unescaped <c>/</c> (escapes kept).</summary>
    public IReadOnlyList<string> Components
    {
        get
        {
            var parts = new List<string>();
            var start = 0;
            for (var i = 0; i < Name.Length; i++)
            {
                if (Name[i] == '\\')
                {
                    i++;
                }
                else if (Name[i] == '/')
                {
                    parts.Add(Name[start..i]);
                    start = i + 1;
                }
            }

            parts.Add(Name[start..]);
            return parts;
        }
    }

    public override string ToString() => Realm.Length == 0 ? Name : $"{Name}@{Realm}";

    private static int LastUnescaped(string text, char separator)
    {
        var found = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == separator)
            {
                found = i;
            }
        }

        return found;
    }
}
