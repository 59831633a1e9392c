using System.Runtime.InteropServices;
using AtotiAuth.Testcontainers.Tests.Module;
using AtotiAuth.Testing;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers.Tests.Kerberos;

/// <summary>
/// A realm and the split system with Kerberos on, through the module as a cube team would build it: an
/// MIT KDC (users alice, bob and carol; services auth, other and rotated), Redis, the token service and
/// two identity replicas whose keytab holds the keys of <see cref="Service"/> and <see cref="OtherService"/>,
/// the users' groups read from OpenLDAP (alice and bob are there, carol is not), and the two replicas
/// behind one address (<see cref="Proxy"/>). The test process is the KDC's client
/// (<see cref="AtotiAuthKdcContainer.UseForThisProcess"/>).
/// </summary>
public sealed class KerberosFixture : IAsyncLifetime
{
    public const string Service = "HTTP/" + KerberosHttp.ServiceHost;
    public const string OtherService = "HTTP/other.example.test";
    public const string RotatedService = "HTTP/rotated.example.test";
    public const string Alice = "alice@EXAMPLE.TEST";
    public const string AlicePassword = "alice-pass";
    public const string Bob = "bob@EXAMPLE.TEST";
    public const string BobPassword = "bob-pass";
    public const string Carol = "carol@EXAMPLE.TEST";
    public const string CarolPassword = "carol-pass";
    public const string TechPassword = "tech-password-1";

    private AtotiAuthKdcContainer? _kdc;
    private AtotiAuthSystem? _system;
    private IContainer? _ldap;
    private RoundRobinProxy? _proxy;

    public static string[] Images { get; } = [AtotiAuthImages.Identity, AtotiAuthImages.Token, AtotiAuthImages.Standalone, AtotiAuthImages.Kdc, TestImages.Redis, TestImages.OpenLdap];

    public AtotiAuthKdcContainer Kdc => _kdc ?? throw new InvalidOperationException("Not started.");

    public AtotiAuthSystem System => _system ?? throw new InvalidOperationException("Not started.");

    public RoundRobinProxy Proxy => _proxy ?? throw new InvalidOperationException("Not started.");

    /// <summary>The keytab the replicas were given, taken at start.</summary>
    public byte[] Keytab { get; private set; } = [];

    /// <summary>Skips (or, where required, fails) without the images or the host's GSSAPI library.</summary>
    public static void EnsureAvailable()
    {
        ServiceImages.EnsureAvailable(Images);
        if (ClientMissing() is { } reason)
        {
            if (DockerEnvironment.ContainersRequired)
            {
                throw new InvalidOperationException($"The Kerberos tests are required in this run (ATOTIAUTH_REQUIRE_CONTAINERS=1): {reason}");
            }

            Assert.Skip(reason);
        }
    }

    /// <summary>The session's JWT, validated as a verifier does: its subject, and its roles sorted.</summary>
    public async Task<(string? Subject, string[] Roles)> JwtOfAsync(AtotiAuthSession session, CancellationToken cancellationToken)
    {
        var jwt = await JwtAssertions.ValidAsync(await System.GetJwtAsync(session, cancellationToken), System.Token.GetJwksUrl(), System.Issuer);
        return (jwt.FindFirst("sub")?.Value, [.. JwtAssertions.Authorities(jwt).Order(StringComparer.Ordinal)]);
    }

    public async ValueTask InitializeAsync()
    {
        if (!ServiceImages.CanRun(Images) || ClientMissing() is not null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _kdc = new AtotiAuthKdcBuilder()
            .WithUser("alice", AlicePassword)
            .WithUser("bob", BobPassword)
            .WithUser("carol", CarolPassword)
            .WithServicePrincipal(Service)
            .WithServicePrincipal(OtherService)
            .WithServicePrincipal(RotatedService)
            .Build();
        await _kdc.StartAsync(timeout.Token);
        _kdc.UseForThisProcess();
        Keytab = await _kdc.GetKeytabAsync([Service, OtherService], timeout.Token);

        var keytab = Keytab;
        _system = new AtotiAuthSystemBuilder()
            .WithImages(redis: TestImages.Redis)
            .WithIdentityReplicas(2)
            .WithUser("tech", TechPassword)
            .WithIdentity(identity => identity
                .WithKerberos(Service, keytab)
                .WithEnvironment("AtotiAuth__Identity__Kerberos__LdapGroups", "true")
                .WithTestDirectory())
            .WithRoleMapping("kerberos", "user:alice", "ROLE_USER", "ROLE_TRADER")
            .WithRoleMapping("kerberos", "ROLE_ATOTI_USER", "ROLE_FROM_LDAP")
            .WithDefaultRoles("kerberos", "ROLE_USER", "ROLE_SSO")
            .Build();
        _ldap = TestDirectory.Build(_system.Network);
        // The directory joins the system's network, created first (the system's start leaves it as it is).
        await _system.Network.CreateAsync(timeout.Token);
        await Task.WhenAll(_system.StartAsync(timeout.Token), _ldap.StartAsync(timeout.Token));
        _proxy = new RoundRobinProxy(_system.Identities.Select(static i => i.GetBaseAddress()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_ldap is not null)
        {
            await _ldap.DisposeAsync();
        }

        if (_system is not null)
        {
            await _system.DisposeAsync();
        }

        if (_kdc is not null)
        {
            await _kdc.DisposeAsync();
        }
    }

    private static string? ClientMissing()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libgssapi_krb5.so.2", out var handle))
        {
            return "No MIT Kerberos client library (libgssapi_krb5.so.2) on this machine: scripts/ensure-kerberos.sh installs it (scripts/test.sh runs it).";
        }

        NativeLibrary.Free(handle);
        return null;
    }
}

/// <summary>The Kerberos tests share one realm and system and run one after the other (one of them stops the KDC).</summary>
[CollectionDefinition(nameof(KerberosTests))]
public sealed class KerberosTests : ICollectionFixture<KerberosFixture>;
