using System.Globalization;
using System.Text;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// A running KDC: its address, the <c>krb5.conf</c> a client needs, service keytabs, key rotation.
/// A .NET test reaches it as a Kerberos client once <see cref="UseForThisProcess"/> ran: an
/// <see cref="HttpClient"/> with <c>new NetworkCredential("alice@EXAMPLE.TEST", "alice-pass")</c> then
/// gets its tickets here (see <see cref="AtotiAuthIdentityContainer.LoginWithKerberosAsync"/>).
/// </summary>
public sealed class AtotiAuthKdcContainer : DockerContainer
{
    private readonly AtotiAuthKdcConfiguration _configuration;
    private string? _clientConfiguration;

    /// <summary>Initializes the container from its configuration.</summary>
    /// <param name="configuration">The container configuration.</param>
    public AtotiAuthKdcContainer(AtotiAuthKdcConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The realm.</summary>
    public string Realm => _configuration.Realm ?? AtotiAuthKdcBuilder.DefaultRealm;

    /// <summary>The KDC as the host reaches it, <c>host:port</c> (TCP).</summary>
    public string GetKdcAddress() => string.Create(CultureInfo.InvariantCulture, $"{Hostname}:{GetMappedPublicPort(AtotiAuthKdcBuilder.KdcPort)}");

    /// <summary>
    /// A client's <c>krb5.conf</c> for this realm: the KDC at <paramref name="kdcAddress"/> (default: the
    /// host's view, <see cref="GetKdcAddress"/>) over TCP, and no DNS canonicalisation, so the service
    /// principal asked for is <c>HTTP/&lt;host as the client names it&gt;</c>.
    /// </summary>
    /// <param name="kdcAddress">The KDC's <c>host:port</c> as the client reaches it.</param>
    public string GetClientConfiguration(string? kdcAddress = null)
    {
        var kdc = kdcAddress ?? GetKdcAddress();
        return $"""
            [libdefaults]
                default_realm = {Realm}
                dns_lookup_kdc = false
                dns_lookup_realm = false
                rdns = false
                dns_canonicalize_hostname = false
                udp_preference_limit = 1
            [realms]
                {Realm} = {'{'}
                    kdc = {kdc}
                {'}'}

            """;
    }

    /// <summary>
    /// Makes this KDC the one every Kerberos client of the test process uses: writes
    /// <see cref="GetClientConfiguration"/> to a temporary file and sets <c>KRB5_CONFIG</c> in the process's
    /// native environment, where MIT's library reads it (a managed environment variable does not reach it
    /// on Linux). Process-wide: the last call wins. Linux only.
    /// </summary>
    /// <returns>The file written.</returns>
    public string UseForThisProcess()
    {
        _clientConfiguration ??= Path.Combine(Path.GetTempPath(), $"atotiauth-krb5-{Guid.NewGuid():N}.conf");
        File.WriteAllText(_clientConfiguration, GetClientConfiguration());
        NativeEnvironment.Set("KRB5_CONFIG", _clientConfiguration);
        return _clientConfiguration;
    }

    /// <summary>A keytab with the current keys of <paramref name="principals"/> (without realm, e.g. <c>HTTP/auth.example.test</c>).</summary>
    /// <param name="principals">The service principals.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<byte[]> GetKeytabAsync(IEnumerable<string> principals, CancellationToken cancellationToken = default)
    {
        var file = $"/tmp/keytab-{Guid.NewGuid():N}";
        await RunAsync(["kdc-keytab", file, .. principals], cancellationToken).ConfigureAwait(false);
        return await ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives <paramref name="principal"/> new random keys: tickets issued from now on are encrypted with
    /// them, so a keytab taken before no longer reads them.
    /// </summary>
    /// <param name="principal">The principal without realm.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new key version number.</returns>
    public async Task<int> RotateKeysAsync(string principal, CancellationToken cancellationToken = default)
    {
        var output = await RunAsync(["kdc-rotate", principal], cancellationToken).ConfigureAwait(false);
        return int.Parse(output.Trim().Split(' ')[^1], CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore().ConfigureAwait(false);
        if (_clientConfiguration is not null)
        {
            File.Delete(_clientConfiguration);
        }
    }

    private async Task<string> RunAsync(IList<string> command, CancellationToken cancellationToken)
    {
        var result = await ExecAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(new StringBuilder().Append(string.Join(' ', command)).Append(" failed in the KDC: ").Append(result.Stderr).ToString());
        }

        return result.Stdout;
    }
}
