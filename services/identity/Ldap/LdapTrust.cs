using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// The configured CA file placed alone in a private directory, for libldap's
/// <c>LDAP_OPT_X_TLS_CACERTDIR</c> (the only trust setting System.DirectoryServices.Protocols
/// exposes on Linux, <see cref="System.DirectoryServices.Protocols.LdapSessionOptions.TrustedCertificatesDirectory"/>).
/// GnuTLS, which Debian's libldap uses, loads every file of that directory; an OpenSSL-built libldap
/// wants <c>openssl rehash</c> names instead (docs/ldap.md).
/// </summary>
internal sealed class LdapTrust : IDisposable
{
    private readonly Lazy<string?> _directory;

    public LdapTrust(IOptions<LdapOptions> options)
    {
        var file = options.Value.CaCertificateFile;
        _directory = new Lazy<string?>(() => string.IsNullOrEmpty(file) ? null : Prepare(file), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The directory to trust, or null to rely on the system's CAs.</summary>
    public string? Directory => _directory.Value;

    public void Dispose()
    {
        if (_directory.IsValueCreated && _directory.Value is { } directory)
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory left behind is harmless; the next start makes a new one.
            }
        }
    }

    private static string Prepare(string file)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("atotiauth-ldap-ca-").FullName;
        File.Copy(file, Path.Combine(directory, "ca.pem"));
        return directory;
    }
}
