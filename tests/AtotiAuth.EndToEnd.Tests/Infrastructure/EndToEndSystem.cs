using System.Security.Cryptography;
using AtotiAuth.Testcontainers;
using AtotiAuth.Testing;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole system, started once for the test assembly from the real images, as the production
/// overlay describes it: Redis, OpenLDAP, the OpenID provider, a Kerberos KDC, two identity and two token replicas,
/// two cubes each behind its sidecar, and the nginx gateway in front, on one network. Names carry a
/// run id; whatever started is removed on failure too; every container's log is kept under
/// artifacts/e2e-logs/.
/// </summary>
public sealed class EndToEndSystem : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private static readonly string[] Images =
    [
        TestImages.Redis, TestImages.OpenLdap, TestImages.OidcProvider, TestImages.Gateway, AtotiAuthImages.Kdc,
        AtotiAuthImages.Identity, AtotiAuthImages.Token, AtotiAuthImages.Ping, AtotiAuthImages.SampleCube,
    ];

    private readonly Dictionary<string, IContainer> _byAlias = new(StringComparer.Ordinal);
    private readonly List<IAsyncDisposable> _owned = [];
    private SystemNetwork? _network;
    private TestCertificateAuthority? _authority;
    private RunFiles? _files;
    private Gateway? _gateway;
    private SystemServices? _services;
    private SystemContainers? _around;
    private string? _runId;

    /// <summary>Why the system could not start, when it could not and the run allows skipping.</summary>
    public string? UnavailableReason { get; private set; }

    internal Gateway Gateway => _gateway ?? throw new InvalidOperationException(UnavailableReason ?? "The system is not started.");

    /// <summary>The admin API as the seeded administrator.</summary>
    internal SystemAdmin Admin => new(Gateway, SystemServices.AdminUser, (_services ?? throw new InvalidOperationException("The system is not started.")).AdminPassword);

    /// <summary>The seeded administrator's name and password, for a browser's sign-in.</summary>
    internal (string Name, string Password) AdminCredentials
        => (SystemServices.AdminUser, (_services ?? throw new InvalidOperationException("The system is not started.")).AdminPassword);

    /// <summary>A running container by its network alias (e.g. <c>identity-1</c>).</summary>
    internal IContainer Container(string alias) => _byAlias[alias];

    /// <summary>The lines the Atoti stand-in logged for each request it authenticated as <paramref name="userName"/>.</summary>
    internal async Task<IReadOnlyList<string>> AtotiRequestsOfAsync(string userName)
    {
        var (stdout, _) = await Container(Topology.AtotiCube).GetLogsAsync();
        return [.. stdout.Split('\n').Where(line => line.Contains("Atoti stand-in:", StringComparison.Ordinal) && line.Contains($" as {userName} ", StringComparison.Ordinal))];
    }

    /// <summary>The realm's KDC.</summary>
    internal AtotiAuthKdcContainer Kdc => (AtotiAuthKdcContainer)_byAlias[Topology.Kdc];

    /// <summary>An identity replica, as the module's container (its own login and logout helpers).</summary>
    internal AtotiAuthIdentityContainer Identity(int replica) => (AtotiAuthIdentityContainer)_byAlias[Topology.IdentityReplicas[replica]];

    /// <summary>Skips the calling test when the system is unavailable and skipping is allowed.</summary>
    public void EnsureAvailable()
    {
        if (UnavailableReason is not null)
        {
            Assert.Skip(UnavailableReason);
        }
    }

    public async ValueTask InitializeAsync()
    {
        var unavailable = DockerEnvironment.UnavailableReason()
            ?? Images.Select(DockerEnvironment.MissingImageReason).FirstOrDefault(static reason => reason is not null);
        if (unavailable is not null)
        {
            if (DockerEnvironment.ContainersRequired)
            {
                throw new InvalidOperationException($"Containers are required in this run (ATOTIAUTH_REQUIRE_CONTAINERS=1): {unavailable}");
            }

            UnavailableReason = unavailable;
            return;
        }

        ContainerLogs.Clear();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await StartAsync(Guid.NewGuid().ToString("N")[..8], timeout.Token);
        }
        catch
        {
            await StopAllAsync();
            throw;
        }
    }

    private async Task StartAsync(string runId, CancellationToken cancellationToken)
    {
        _runId = runId;
        _authority = TestCertificateAuthority.Create(Topology.Domain);
        _files = new RunFiles(runId);
        _network = await SystemNetwork.CreateAsync($"atotiauth-e2e-{runId}", new Dictionary<string, string> { [EndToEndLabels.Run] = runId }, cancellationToken);
        var around = _around = new SystemContainers(runId, _network, _authority, _files);

        string publicKey;
        using (var signingKey = RSA.Create(3072))
        {
            around.WriteSigningKey(signingKey.ExportPkcs8PrivateKeyPem());
            publicKey = Convert.ToBase64String(signingKey.ExportSubjectPublicKeyInfo());
        }

        // First the KDC: the identity replicas are built with its service keytab.
        var kdc = around.Kdc();
        await StartAllAsync([(Topology.Kdc, kdc)], cancellationToken);
        _services = new SystemServices(runId, _network, _files, await kdc.GetKeytabAsync([Topology.ServicePrincipal], cancellationToken), _authority);
        var atotiAuth = _services.Build();
        _owned.Add(atotiAuth);
        _byAlias[Topology.Redis] = atotiAuth.Redis;
        _byAlias[Topology.TokenReplicas[0]] = atotiAuth.Token;
        for (var i = 0; i < atotiAuth.Identities.Count; i++)
        {
            _byAlias[Topology.IdentityReplicas[i]] = atotiAuth.Identities[i];
        }

        foreach (var (name, sidecar) in atotiAuth.Sidecars)
        {
            _byAlias[name] = sidecar;
        }

        // All at once: the services reach the directory, the provider and the cubes only when asked,
        // and a service started before Redis answers is ready as soon as Redis is.
        await Task.WhenAll(
            atotiAuth.StartAsync(cancellationToken),
            StartAllAsync(
            [
                (Topology.Ldap, around.Ldap()),
                (Topology.Oidc, around.Oidc()),
                (Topology.TokenReplicas[1], _services.SecondToken(atotiAuth)),
                .. Topology.Cubes.Select(cube => (cube.Cube, around.Cube(cube.Cube, publicKey))),
            ], cancellationToken));

        // Last: nginx resolves its upstream names when it starts.
        var gateway = around.Gateway();
        await StartAllAsync([(Topology.Gateway, gateway)], cancellationToken);
        _gateway = new Gateway(Topology.Domain, gateway.GetMappedPublicPort(443), _authority);
        await new SystemProbe(_gateway).WaitUntilServingAsync(cancellationToken);
    }

    private async Task StartAllAsync((string Alias, IContainer Container)[] containers, CancellationToken cancellationToken)
    {
        foreach (var (alias, container) in containers)
        {
            _owned.Add(container);
            _byAlias[alias] = container;
        }

        await Task.WhenAll(containers.Select(c => c.Container.StartAsync(cancellationToken)));
    }

    /// <summary>The gateway container's network namespace (<c>/proc/{pid}/ns/net</c>), or null when Docker does not say.</summary>
    internal async Task<string?> GatewayNetworkNamespaceAsync()
    {
        var pid = (await DockerCli.RunAsync($"inspect -f {{{{.State.Pid}}}} {Container(Topology.Gateway).Id}")).FirstOrDefault();
        return pid is null or "0" ? null : $"/proc/{pid}/ns/net";
    }

    /// <summary>A Prometheus on the run's network scraping <paramref name="targets"/>, not started: its caller owns it.</summary>
    internal IContainer Prometheus(IEnumerable<string> targets)
        => (_around ?? throw new InvalidOperationException(UnavailableReason ?? "The system is not started.")).Prometheus(targets);

    /// <summary>Writes a file into the run's folder (deleted with the run) and returns its path.</summary>
    internal string WriteRunFile(string name, string content)
        => Path.Combine((_files ?? throw new InvalidOperationException("The system is not started.")).Write(name, System.Text.Encoding.UTF8.GetBytes(content)), Path.GetFileName(name));

    /// <summary>Writes an executable file into the run's folder (deleted with the run).</summary>
    internal string WriteRunExecutable(string name, string content)
        => (_files ?? throw new InvalidOperationException("The system is not started.")).WriteExecutable(name, content);

    /// <summary>Asks the gateway to resolve its upstreams again, e.g. after a replica came back under a new address.</summary>
    internal async Task ReloadGatewayAsync(CancellationToken cancellationToken)
    {
        var result = await Container(Topology.Gateway).ExecAsync(["nginx", "-s", "reload"], cancellationToken);
        Assert.True(result.ExitCode == 0, $"nginx -s reload failed: {result.Stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        GC.SuppressFinalize(this);
    }

    private async Task StopAllAsync()
    {
        await ContainerLogs.SaveAsync(_byAlias);
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await DisposeQuietlyAsync(_owned[i]);
        }

        _owned.Clear();
        _byAlias.Clear();
        if (_network is not null)
        {
            await DisposeQuietlyAsync(_network);
            _network = null;
        }

        // Whatever the handles above did not know of (a container whose creation failed half-way).
        if (_runId is not null)
        {
            await RunSweeper.SweepAsync(_runId);
        }

        _files?.Dispose();
        _authority?.Dispose();
    }

    private static async Task DisposeQuietlyAsync(IAsyncDisposable disposable)
    {
        try
        {
            await disposable.DisposeAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The sweep by label removes what is left; a teardown error must not hide the test's own.
            await Console.Error.WriteLineAsync($"end-to-end teardown: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
