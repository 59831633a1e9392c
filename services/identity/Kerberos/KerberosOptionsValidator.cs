using AtotiAuth.Identity.Ldap;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// Rules of <see cref="KerberosOptions"/> checked at start, each failure naming the key and the fix
/// (STYLE.md §9): the GSSAPI library is there, the principal is <c>service/host</c> without a port, the
/// keytab is readable and holds its keys, realms and roles are well formed. Nothing is checked while the provider is off.
/// </summary>
internal sealed class KerberosOptionsValidator(IOptions<LdapOptions> ldap) : IValidateOptions<KerberosOptions>
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, KerberosOptions options)
    {
        if (!options.IsActive)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (GssapiLibrary.LoadError() is { } missing)
        {
            failures.Add($"{Key(nameof(KerberosOptions.ServicePrincipal))} is set, but {missing}.");
        }

        if (CheckServicePrincipal(options.ServicePrincipal) is { } wrong)
        {
            failures.Add($"{Key(nameof(KerberosOptions.ServicePrincipal))} {wrong}");
        }
        else
        {
            CheckKeytab(options, failures);
        }

        if (!string.IsNullOrEmpty(options.Krb5Config) && !File.Exists(options.Krb5Config))
        {
            failures.Add($"{Key(nameof(KerberosOptions.Krb5Config))}: '{options.Krb5Config}' does not exist.");
        }

        CheckRealms(options, failures);
        if (options.LdapGroups && !ldap.Value.IsActive)
        {
            failures.Add($"{Key(nameof(KerberosOptions.LdapGroups))} needs the LDAP provider: set {LdapOptions.SectionName}:Url (and the rest of that section), or turn it off.");
        }

        if (options.MaxClockSkew < TimeSpan.FromSeconds(1) || options.MaxClockSkew > MaxSkew)
        {
            failures.Add($"{Key(nameof(KerberosOptions.MaxClockSkew))} must be between 00:00:01 and {MaxSkew}, as the clockskew of the GSSAPI library's krb5.conf (default 00:05:00).");
        }

        if (options.RoleMapping.Any(static m => m.Value.Any(string.IsNullOrWhiteSpace)) || options.DefaultRoles.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Key(nameof(KerberosOptions.RoleMapping))} and {Key(nameof(KerberosOptions.DefaultRoles))} must not contain empty role names.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Browsers ask for <c>HTTP/&lt;host as in the address bar&gt;</c>, never with the port (RFC 4559 §4 and
    /// every browser's default), so a principal with one would never match.
    /// </summary>
    internal static string? CheckServicePrincipal(string? principal)
    {
        if (!KerberosPrincipalName.TryParse(principal, out var parsed) || parsed.Components.Count != 2
            || parsed.Components.Any(static c => c.Length == 0 || c.Any(char.IsWhiteSpace)))
        {
            return "must be a service principal such as 'HTTP/auth.example.com' or 'HTTP/auth.example.com@EXAMPLE.COM'.";
        }

        return parsed.Components[1].Contains(':', StringComparison.Ordinal)
            ? "must name the host without a port ('HTTP/auth.example.com'): browsers leave the port out of the principal they ask for."
            : null;
    }

    internal static string Key(string member)
    {
        var key = $"{KerberosOptions.SectionName}:{member}";
        return $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
    }

    private static void CheckKeytab(KerberosOptions options, List<string> failures)
    {
        if (!KerberosPrincipalName.TryParse(options.ServicePrincipal, out var service))
        {
            return;
        }

        try
        {
            var keys = KerberosServiceKeys.Load(options, service);
            var realms = Realms(options, keys.Principal);
            if (realms.Count > 1 && !options.KeepRealm)
            {
                failures.Add(
                    $"{Key(nameof(KerberosOptions.AllowedRealms))} allows {string.Join(", ", realms)}: set {Key(nameof(KerberosOptions.KeepRealm))}=true, " +
                    "or alice@ONE and alice@TWO would be one user.");
            }
        }
        catch (KerberosSetupException ex)
        {
            var key = string.IsNullOrWhiteSpace(options.Keytab) ? $"{Key(nameof(KerberosOptions.Keytab))} (unset: KRB5_KTNAME or {KerberosServiceKeys.DefaultKeytab})" : Key(nameof(KerberosOptions.Keytab));
            failures.Add($"{key}: {ex.Message}.");
        }
    }

    private static void CheckRealms(KerberosOptions options, List<string> failures)
    {
        for (var i = 0; i < options.AllowedRealms.Count; i++)
        {
            var realm = options.AllowedRealms[i];
            if (string.IsNullOrWhiteSpace(realm) || realm.Any(static c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '@' or '/' or '\\'))
            {
                failures.Add($"{Key($"{nameof(KerberosOptions.AllowedRealms)}:{i}")} must be a realm name such as 'EXAMPLE.COM'.");
            }
        }
    }

    /// <summary>The realms whose users may log in: the configured ones, else the service's own.</summary>
    internal static IReadOnlyList<string> Realms(KerberosOptions options, string servicePrincipal)
        => options.AllowedRealms.Count > 0
            ? [.. options.AllowedRealms.Distinct(StringComparer.Ordinal)]
            : KerberosPrincipalName.TryParse(servicePrincipal, out var parsed) ? [parsed.Realm] : [];
}
