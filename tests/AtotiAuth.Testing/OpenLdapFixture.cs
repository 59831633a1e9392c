using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testing;

/// <summary>
/// A real OpenLDAP (Debian's slapd), seeded by tests/containers/openldap/seed.ldif: users alice,
/// bob and admin under <c>ou=people</c>, groupOfUniqueNames groups under <c>ou=groups</c>, the service
/// account <c>cn=svc,ou=services</c>; StartTLS on 389 and LDAPS on 636 with a generated test CA.
/// </summary>
public sealed class OpenLdapFixture : ContainerFixture
{
    /// <summary>The directory's base DN.</summary>
    public const string BaseDn = "dc=example,dc=com";

    /// <summary>The directory administrator.</summary>
    public const string AdminDn = "cn=admin,dc=example,dc=com";

    /// <summary>The administrator's password.</summary>
    public const string AdminPassword = "admin";

    /// <summary>The service account for searches.</summary>
    public const string ServiceDn = "cn=svc,ou=services,dc=example,dc=com";

    /// <summary>The service account's password.</summary>
    public const string ServicePassword = "svc-pass";

    /// <summary>Host port mapped to 389 (plain LDAP and StartTLS).</summary>
    public int Port => Container.GetMappedPublicPort(389);

    /// <summary>Host port mapped to 636 (LDAPS).</summary>
    public int LdapsPort => Container.GetMappedPublicPort(636);

    /// <summary><c>ldap://host:port</c> of the container.</summary>
    public string Url => $"ldap://{Host}:{Port}";

    /// <inheritdoc />
    protected override string Image => TestImages.OpenLdap;

    /// <summary>The PEM of the CA that signed the server certificate.</summary>
    public async Task<string> ReadCaCertificateAsync(CancellationToken cancellationToken = default)
    {
        var bytes = await Container.ReadFileAsync("/certs/ca.crt", cancellationToken);
        return System.Text.Encoding.ASCII.GetString(bytes);
    }

    /// <summary>Adds entries (LDIF) as the administrator, for tests that seed their own users and groups.</summary>
    public async Task AddAsync(string ldif, CancellationToken cancellationToken = default)
    {
        var path = $"/tmp/seed-{Guid.NewGuid():N}.ldif";
        await Container.CopyAsync(System.Text.Encoding.UTF8.GetBytes(ldif), path, ct: cancellationToken);
        var result = await Container.ExecAsync(["ldapadd", "-x", "-H", "ldapi:///", "-D", AdminDn, "-w", AdminPassword, "-f", path], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ldapadd failed ({result.ExitCode}): {result.Stderr}");
        }
    }

    /// <inheritdoc />
    protected override IContainer Build() => new ContainerBuilder(Image)
        .WithPortBinding(389, assignRandomHostPort: true)
        .WithPortBinding(636, assignRandomHostPort: true)
        .WithEnvironment("LDAP_LOG_LEVEL", "0")
        .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("slapd ready"))
        .Build();
}
