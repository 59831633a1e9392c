using AtotiAuth.Testing;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers.Tests.Module;

/// <summary>
/// One split system for the class, as a cube team would build it: two identity replicas reading
/// basic users and an OpenLDAP directory on the network, a sidecar <c>risk</c> in front of the sample
/// cube (the container the caller names: alias <c>risk-cube</c>, port 8080).
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public const string TraderPassword = "trader-password-1";
    public const string ViewerPassword = "viewer-password-1";
    public const string CubeAlias = "risk-cube";

    private AtotiAuthSystem? _system;
    private IContainer? _ldap;
    private IContainer? _cube;

    public AtotiAuthSystem System => _system ?? throw new InvalidOperationException("Not started.");

    public static string[] Images { get; } =
        [AtotiAuthImages.Identity, AtotiAuthImages.Token, AtotiAuthImages.Ping, AtotiAuthImages.SampleCube, TestImages.Redis, TestImages.OpenLdap];

    public async ValueTask InitializeAsync()
    {
        if (!ServiceImages.CanRun(Images))
        {
            return;
        }

        _system = new AtotiAuthSystemBuilder()
            .WithImages(redis: TestImages.Redis)
            .WithIdentityReplicas(2)
            .WithUser("trader", TraderPassword, "ROLE_TRADER")
            .WithUser("viewer", ViewerPassword)
            .WithIdentity(static identity => identity.WithTestDirectory())
            .WithRoleMapping("ldap", "ROLE_ATOTI_USER", "ROLE_USER", "ROLE_FROM_LDAP")
            .WithSidecar("risk", CubeAlias, AtotiAuthImages.HttpPort, static ping => ping.WithBackend(AtotiAuthCubeBackend.Headers))
            .Build();

        _ldap = TestDirectory.Build(_system.Network);
        _cube = new ContainerBuilder(AtotiAuthImages.SampleCube)
            .WithNetwork(_system.Network)
            .WithNetworkAliases(CubeAlias)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(AtotiAuthImages.HttpPort))
            .Build();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _system.StartAsync(timeout.Token);
        await Task.WhenAll(_ldap.StartAsync(timeout.Token), _cube.StartAsync(timeout.Token));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in new[] { _cube, _ldap }.OfType<IContainer>())
        {
            await container.DisposeAsync();
        }

        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}
