using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// The server side of GSSAPI, made ready once per process before the first exchange (at start, by
/// <see cref="KerberosStartup"/>): <c>KRB5_CONFIG</c> where configured, a check that the replay cache can
/// be written (MIT keeps it in <c>/var/tmp</c>, which a read-only root file system needs as a tmpfs), and
/// a private copy of the keytab holding the service principal's keys only, registered as the keytab of
/// every acceptor. The copy is what makes the principal binding: GSSAPI accepts a ticket for any
/// principal of its keytab.
/// </summary>
internal sealed partial class KerberosAcceptor(IOptions<KerberosOptions> options, ILogger<KerberosAcceptor> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private string? _keytabCopy;
    private bool _ready;
    private string? _principal;

    /// <summary>The service principal with its realm (<c>HTTP/host@REALM</c>), once <see cref="EnsureReady"/> ran.</summary>
    public string ServicePrincipal
    {
        get
        {
            EnsureReady();
            return _principal!;
        }
    }

    /// <summary>Sets GSSAPI up (once); <see cref="KerberosSetupException"/> says what is missing.</summary>
    public void EnsureReady()
    {
        lock (_gate)
        {
            if (_ready)
            {
                return;
            }

            var settings = options.Value;
            if (!KerberosPrincipalName.TryParse(settings.ServicePrincipal, out var service))
            {
                throw new KerberosSetupException($"{KerberosOptionsValidator.Key(nameof(KerberosOptions.ServicePrincipal))} is not a principal name.");
            }

            var keys = KerberosServiceKeys.Load(settings, service);
            if (!string.IsNullOrEmpty(settings.Krb5Config))
            {
                GssapiLibrary.UseConfig(settings.Krb5Config);
            }

            CheckReplayCache();
            _keytabCopy = WriteCopy(keys.Keytab);
            GssapiLibrary.UseKeytab(_keytabCopy);
            _principal = keys.Principal;
            _ready = true;
            var kvnos = string.Join(",", keys.Keys.Select(static k => k.Kvno).Distinct().Order());
            var encryptionTypes = string.Join(",", keys.Keys.Select(static k => k.EncryptionType).Distinct().Order());
            LogReady(logger, keys.Principal, keys.Path, kvnos, encryptionTypes);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_keytabCopy is not null)
            {
                File.Delete(_keytabCopy);
                _keytabCopy = null;
            }
        }
    }

    /// <summary>
    /// MIT's replay cache (RFC 4120 §3.2.3) lives in <c>KRB5RCACHEDIR</c>, by default <c>/var/tmp</c>; when it
    /// cannot be written, every exchange fails with a bare <c>GenericFailure</c>, so say it at start instead.
    /// </summary>
    private static void CheckReplayCache()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("KRB5RCACHETYPE"), "none", StringComparison.Ordinal))
        {
            return;
        }

        var directory = Environment.GetEnvironmentVariable("KRB5RCACHEDIR") is { Length: > 0 } configured ? configured : "/var/tmp";
        var probe = Path.Combine(directory, $".atotiauth-rcache-check-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KerberosSetupException(
                $"GSSAPI's replay cache needs a writable {directory} ({ex.GetType().Name}): with a read-only root file system, " +
                "mount a tmpfs (an emptyDir with medium Memory) at /var/tmp, as deploy/k8s does, or set KRB5RCACHEDIR to a writable folder");
        }
    }

    private static string WriteCopy(byte[] keytab)
    {
        var path = Path.Combine(Path.GetTempPath(), $"atotiauth-{Environment.ProcessId}-{Guid.NewGuid():N}.keytab");
        try
        {
            var created = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, created);
            file.Write(keytab);
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KerberosSetupException($"the service principal's keys cannot be copied to {Path.GetTempPath()} ({ex.GetType().Name}): it must be writable (a tmpfs at /tmp)");
        }
    }

    [LoggerMessage(EventId = 4801, Level = LogLevel.Information, Message = "Kerberos provider ready: service principal {Principal} from {Keytab} (key versions {Kvnos}, encryption types {EncryptionTypes})")]
    private static partial void LogReady(ILogger logger, string principal, string keytab, string kvnos, string encryptionTypes);
}
