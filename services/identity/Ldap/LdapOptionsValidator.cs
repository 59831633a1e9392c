using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// Rules of <see cref="LdapOptions"/> checked at start, each failure naming the key and the fix
/// (STYLE.md §9, §10). Nothing is checked while the provider is off.
/// </summary>
internal sealed class LdapOptionsValidator : IValidateOptions<LdapOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(2);

    public ValidateOptionsResult Validate(string? name, LdapOptions options)
    {
        if (!options.IsActive)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        CheckUrls(options, failures);
        CheckDns(options, failures);
        CheckFilters(options, failures);
        CheckTransport(options, failures);
        CheckLimits(options, failures);
        CheckRoles(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrls(LdapOptions options, List<string> failures)
    {
        foreach (var url in LdapServerAddress.Split(options.Url))
        {
            if (!LdapServerAddress.TryParse(url, out var server))
            {
                failures.Add($"{Key(nameof(LdapOptions.Url))}: '{url}' must be ldap://host[:port] or ldaps://host[:port], without path, query or user info.");
            }
            else if (server.Secure && options.StartTls)
            {
                failures.Add($"{Key(nameof(LdapOptions.StartTls))} must be false with '{url}': ldaps:// is TLS from the first byte.");
            }
            else if (!server.Secure && !options.StartTls && !options.AllowPlainText)
            {
                failures.Add(
                    $"{Key(nameof(LdapOptions.Url))}: '{url}' would send passwords in clear. Use ldaps://, or set " +
                    $"{Key(nameof(LdapOptions.StartTls))}=true, or (development only) {Key(nameof(LdapOptions.AllowPlainText))}=true.");
            }
        }
    }

    private static void CheckDns(LdapOptions options, List<string> failures)
    {
        if (!LdapDn.IsWellFormed(options.BaseDn))
        {
            failures.Add($"{Key(nameof(LdapOptions.BaseDn))} is required and must be a DN such as 'dc=example,dc=com'.");
        }

        if (!string.IsNullOrEmpty(options.UserSearchBase) && !LdapDn.IsWellFormed(options.UserSearchBase))
        {
            failures.Add($"{Key(nameof(LdapOptions.UserSearchBase))} must be empty or a relative DN such as 'ou=people'.");
        }

        if (!string.IsNullOrEmpty(options.GroupSearchBase) && !LdapDn.IsWellFormed(options.GroupSearchBase))
        {
            failures.Add($"{Key(nameof(LdapOptions.GroupSearchBase))} must be empty or a relative DN such as 'ou=groups'.");
        }

        var hasDn = !string.IsNullOrEmpty(options.ManagerDn);
        if (hasDn && !LdapDn.IsWellFormed(options.ManagerDn))
        {
            failures.Add($"{Key(nameof(LdapOptions.ManagerDn))} must be a DN such as 'cn=svc,ou=services,dc=example,dc=com'.");
        }

        // An empty password with a DN is an unauthenticated bind (RFC 4513 §5.1.2), not the service account.
        if (hasDn != !string.IsNullOrEmpty(options.ManagerPassword))
        {
            failures.Add($"{Key(nameof(LdapOptions.ManagerDn))} and {Key(nameof(LdapOptions.ManagerPassword))} go together: set both, or neither for anonymous searches.");
        }
    }

    private static void CheckFilters(LdapOptions options, List<string> failures)
    {
        if (!LdapFilter.IsWellFormed(options.UserSearchFilter, needsPlaceholder: true))
        {
            failures.Add($"{Key(nameof(LdapOptions.UserSearchFilter))} must be one parenthesised filter containing {{0}}, such as '(uid={{0}})'.");
        }

        if (!LdapFilter.IsWellFormed(options.GroupSearchFilter, needsPlaceholder: true))
        {
            failures.Add($"{Key(nameof(LdapOptions.GroupSearchFilter))} must be one parenthesised filter containing {{0}}, such as '(uniqueMember={{0}})'.");
        }

        if (!string.IsNullOrEmpty(options.DisabledAccountFilter) && !LdapFilter.IsWellFormed(options.DisabledAccountFilter, needsPlaceholder: false))
        {
            failures.Add($"{Key(nameof(LdapOptions.DisabledAccountFilter))} must be empty or one parenthesised filter, such as '(nsAccountLock=TRUE)'.");
        }

        if (!string.IsNullOrEmpty(options.UserNameAttribute) && !LdapFilter.IsAttributeName(options.UserNameAttribute))
        {
            failures.Add($"{Key(nameof(LdapOptions.UserNameAttribute))} must be an attribute name such as 'uid' or 'sAMAccountName'.");
        }
        else if (options.EffectiveUserNameAttribute is null)
        {
            failures.Add($"{Key(nameof(LdapOptions.UserNameAttribute))} is required with a {Key(nameof(LdapOptions.UserSearchFilter))} other than '(attr={{0}})': the entry's attribute that holds the login name, such as 'uid'.");
        }

        if (!LdapFilter.IsAttributeName(options.GroupRoleAttributeName))
        {
            failures.Add($"{Key(nameof(LdapOptions.GroupRoleAttributeName))} must be an attribute name such as 'cn'.");
        }
    }

    private static void CheckTransport(LdapOptions options, List<string> failures)
    {
        if (string.IsNullOrEmpty(options.CaCertificateFile))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            failures.Add($"{Key(nameof(LdapOptions.CaCertificateFile))} is not supported on Windows: install the CA in the machine's trusted root store instead.");
            return;
        }

        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(options.CaCertificateFile);
            if (certificates.Count == 0)
            {
                failures.Add($"{Key(nameof(LdapOptions.CaCertificateFile))}: '{options.CaCertificateFile}' holds no PEM certificate.");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            failures.Add($"{Key(nameof(LdapOptions.CaCertificateFile))}: '{options.CaCertificateFile}' cannot be read as PEM certificates ({ex.GetType().Name}).");
        }
    }

    private static void CheckLimits(LdapOptions options, List<string> failures)
    {
        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > MaxTimeout)
        {
            failures.Add($"{Key(nameof(LdapOptions.ConnectTimeout))} must be between 00:00:00.001 and {MaxTimeout}.");
        }

        if (options.OperationTimeout < TimeSpan.FromSeconds(1) || options.OperationTimeout > MaxTimeout)
        {
            failures.Add($"{Key(nameof(LdapOptions.OperationTimeout))} must be between 00:00:01 and {MaxTimeout} (libldap counts whole seconds).");
        }

        if (options.PoolSize is < 0 or > 64)
        {
            failures.Add($"{Key(nameof(LdapOptions.PoolSize))} must be between 0 (no reuse) and 64.");
        }

        if (options.MaxConnections is < 1 or > 256)
        {
            failures.Add($"{Key(nameof(LdapOptions.MaxConnections))} must be between 1 and 256.");
        }
        else if (options.PoolSize > options.MaxConnections)
        {
            failures.Add($"{Key(nameof(LdapOptions.PoolSize))} must not exceed {Key(nameof(LdapOptions.MaxConnections))}: no more connections than that are ever busy at once.");
        }

        if (options.QueueTimeout < TimeSpan.FromMilliseconds(1) || options.QueueTimeout > MaxTimeout)
        {
            failures.Add($"{Key(nameof(LdapOptions.QueueTimeout))} must be between 00:00:00.001 and {MaxTimeout}.");
        }

        if (options.MaxNestingDepth is < 1 or > 20)
        {
            failures.Add($"{Key(nameof(LdapOptions.MaxNestingDepth))} must be between 1 and 20.");
        }
    }

    private static void CheckRoles(LdapOptions options, List<string> failures)
    {
        foreach (var (key, roles) in options.RoleMapping)
        {
            if (roles.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{Key($"{nameof(LdapOptions.RoleMapping)}:{key}")} must not contain empty role names.");
            }
        }

        if (options.DefaultRoles.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Key(nameof(LdapOptions.DefaultRoles))} must not contain empty role names.");
        }
    }

    private static string Key(string member)
    {
        var key = $"{LdapOptions.SectionName}:{member}";
        return $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
    }
}
