namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// The service principal's keys, found where MIT Kerberos would look (<see cref="KerberosOptions.Keytab"/>,
/// else <c>KRB5_KTNAME</c>, else <c>/etc/krb5.keytab</c>), read and checked: used by the start-time
/// validation (each failure names its key) and by <see cref="KerberosAcceptor"/>.
/// </summary>
/// <param name="Principal">The service principal with its realm, <c>HTTP/host@REALM</c>.</param>
/// <param name="Path">The keytab file read.</param>
/// <param name="Keys">The keytab's entries for <paramref name="Principal"/>.</param>
/// <param name="Keytab">A keytab file holding these entries only.</param>
internal sealed record KerberosServiceKeys(string Principal, string Path, IReadOnlyList<KerberosKeytabEntry> Keys, byte[] Keytab)
{
    public const string DefaultKeytab = "/etc/krb5.keytab";

    /// <summary>The keytab path MIT Kerberos would use for <paramref name="options"/>.</summary>
    public static string KeytabPath(KerberosOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Keytab))
        {
            return options.Keytab;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("KRB5_KTNAME");
        if (string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return DefaultKeytab;
        }

        // MIT's keytab names: FILE:/path, WRFILE:/path or a plain path.
        foreach (var prefix in (string[])["FILE:", "WRFILE:"])
        {
            if (fromEnvironment.StartsWith(prefix, StringComparison.Ordinal))
            {
                return fromEnvironment[prefix.Length..];
            }
        }

        return fromEnvironment;
    }

    /// <summary>
    /// Reads the keytab and finds the service's keys; <see cref="KerberosSetupException"/> says what is
    /// wrong (missing file, not a keytab, no key for the principal, the realm ambiguous).
    /// </summary>
    public static KerberosServiceKeys Load(KerberosOptions options, KerberosPrincipalName service)
    {
        var path = KeytabPath(options);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KerberosSetupException($"the keytab '{path}' cannot be read ({ex.GetType().Name}): mount it from a Secret, readable by the service's user");
        }

        KerberosKeytab keytab;
        try
        {
            keytab = KerberosKeytab.Parse(data);
        }
        catch (FormatException ex)
        {
            throw new KerberosSetupException($"'{path}' is not a keytab: {ex.Message}");
        }

        var realms = keytab.Entries.Where(e => PrincipalName(e).Name == service.Name).Select(static e => PrincipalName(e).Realm).Distinct(StringComparer.Ordinal).ToList();
        var realm = service.Realm.Length > 0 ? service.Realm : realms.Count == 1 ? realms[0] : null;
        if (realm is null && realms.Count > 1)
        {
            throw new KerberosSetupException($"the keytab '{path}' holds {service.Name} in several realms ({string.Join(", ", realms)}): name the realm, e.g. '{service.Name}@{realms[0]}'");
        }

        var principal = $"{service.Name}@{realm}";
        var keys = keytab.Entries.Where(e => e.Principal == principal).ToList();
        if (realm is null || keys.Count == 0)
        {
            var held = string.Join(", ", keytab.Entries.Select(static e => e.Principal).Distinct(StringComparer.Ordinal));
            throw new KerberosSetupException($"the keytab '{path}' holds no key for {(realm is null ? service.Name : principal)} (it holds: {(held.Length == 0 ? "nothing" : held)})");
        }

        return new KerberosServiceKeys(principal, path, keys, keytab.Only(principal));
    }

    private static KerberosPrincipalName PrincipalName(KerberosKeytabEntry entry)
        => KerberosPrincipalName.TryParse(entry.Principal, out var name) ? name : default;
}
