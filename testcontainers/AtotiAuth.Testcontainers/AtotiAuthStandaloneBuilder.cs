using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// Builds the standalone host (identity and token in one process, in-memory store by default) with
/// seeded basic users, roles and signing keys. Ready when <c>/readyz</c> answers and the roles are in.
/// </summary>
/// <example>
/// <code>
/// await using var auth = new AtotiAuthStandaloneBuilder()
///     .WithUser("alice", "alice-password", "ROLE_TRADER")
///     .Build();
/// await auth.StartAsync();
/// var jwt = await auth.GetJwtAsync("alice", "alice-password");
/// </code>
/// </example>
public sealed class AtotiAuthStandaloneBuilder : ContainerBuilder<AtotiAuthStandaloneBuilder, AtotiAuthStandaloneContainer, AtotiAuthStandaloneConfiguration>
{
    /// <summary>A builder for <see cref="AtotiAuthImages.Standalone"/>.</summary>
    public AtotiAuthStandaloneBuilder()
        : this(AtotiAuthImages.Standalone)
    {
    }

    /// <summary>A builder for another image of the standalone host.</summary>
    /// <param name="image">The full image name, e.g. <c>registry.example.com/atotiauth/standalone:1.2</c>.</param>
    public AtotiAuthStandaloneBuilder(string image)
        : this(new AtotiAuthStandaloneConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private AtotiAuthStandaloneBuilder(AtotiAuthStandaloneConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override AtotiAuthStandaloneConfiguration DockerResourceConfiguration { get; }

    /// <summary>Seeds a basic user (it gets <c>ROLE_USER</c> and <paramref name="roles"/>).</summary>
    /// <param name="name">Login name.</param>
    /// <param name="password">Password.</param>
    /// <param name="roles">Individual roles besides <c>ROLE_USER</c>.</param>
    public AtotiAuthStandaloneBuilder WithUser(string name, string password, params string[] roles)
    {
        var user = new AtotiAuthUser(name, password, roles);
        IdentitySeeding.Check(user);
        return Merge(DockerResourceConfiguration, new AtotiAuthStandaloneConfiguration(users: [user]))
            .WithEnvironment(IdentitySeeding.UserEnvironment(DockerResourceConfiguration.Users.Count, user));
    }

    /// <summary>Sets the individual roles of a basic user (seeded with <c>WithUser</c>); other providers' users are set through the admin API.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="roles">Its roles.</param>
    public AtotiAuthStandaloneBuilder WithIndividualRoles(string userName, params string[] roles) =>
        Merge(DockerResourceConfiguration, new AtotiAuthStandaloneConfiguration(roleSeeds: [RoleSeed.Individual(userName, roles)]));

    /// <summary>Maps a provider role (or <c>user:{name}</c>) to roles, e.g. <c>("ldap", "ROLE_ATOTI_USER", "ROLE_USER")</c>.</summary>
    /// <param name="provider">The provider id: <c>basic</c>, <c>ldap</c>, or <c>oidc:{id}</c>.</param>
    /// <param name="key">The provider's role, or <c>user:{name}</c> for one user (the only form <c>basic</c> takes).</param>
    /// <param name="roles">The roles it maps to.</param>
    public AtotiAuthStandaloneBuilder WithRoleMapping(string provider, string key, params string[] roles) =>
        Merge(DockerResourceConfiguration, new AtotiAuthStandaloneConfiguration(roleSeeds: [RoleSeed.Mapping(provider, key, roles)]));

    /// <summary>Sets a provider's default roles (given when a user has neither individual nor mapped roles).</summary>
    /// <param name="provider">The provider id.</param>
    /// <param name="roles">The default roles.</param>
    public AtotiAuthStandaloneBuilder WithDefaultRoles(string provider, params string[] roles) =>
        Merge(DockerResourceConfiguration, new AtotiAuthStandaloneConfiguration(roleSeeds: [RoleSeed.Defaults(provider, roles)]));

    /// <summary>
    /// Sets the JWTs' issuer. By default it is the host address, <c>http://127.0.0.1:{port}</c>, on a
    /// host port chosen at build: right for verifiers on the host. For verifiers in containers on a
    /// network, give an address they reach, e.g. <c>http://auth:8080</c> with network alias <c>auth</c>.
    /// </summary>
    /// <param name="issuer">The issuer URL, no trailing slash.</param>
    public AtotiAuthStandaloneBuilder WithIssuer(string issuer) =>
        Merge(DockerResourceConfiguration, new AtotiAuthStandaloneConfiguration(issuer: issuer))
            .WithEnvironment("AtotiAuth__Token__Issuer", issuer);

    /// <summary>Signs with the keys of a directory of the host (docs/keys.md), mounted read-only; by default the host generates a key in memory.</summary>
    /// <param name="hostDirectory">The key directory; its files must be readable by UID 1654.</param>
    public AtotiAuthStandaloneBuilder WithSigningKeyDirectory(string hostDirectory) =>
        WithBindMount(Path.GetFullPath(hostDirectory), SigningKeyDirectory.MountPath, AccessMode.ReadOnly)
            .WithEnvironment(SigningKeyDirectory.KeyDirectorySetting, SigningKeyDirectory.MountPath);

    /// <summary>Signs with a new RSA key written to a temporary key directory (deleted with the container), as the split token service does.</summary>
    public AtotiAuthStandaloneBuilder WithGeneratedSigningKey()
    {
        var directory = SigningKeyDirectory.Generate();
        return Merge(DockerResourceConfiguration, new AtotiAuthStandaloneConfiguration(generatedKeyDirectory: directory))
            .WithSigningKeyDirectory(directory);
    }

    /// <summary>Uses Redis instead of the in-memory store.</summary>
    /// <param name="connectionString">A StackExchange.Redis connection string reachable from the container.</param>
    public AtotiAuthStandaloneBuilder WithRedis(string connectionString) =>
        WithEnvironment("AtotiAuth__Store__Redis", connectionString);

    /// <summary>
    /// Turns the Kerberos provider on, as <see cref="AtotiAuthIdentityBuilder.WithKerberos"/> does: the
    /// keytab mounted read-only, a tmpfs at <c>/var/tmp</c> for GSSAPI's replay cache.
    /// </summary>
    /// <param name="servicePrincipal">The service principal, <c>HTTP/&lt;host clients name&gt;</c>.</param>
    /// <param name="keytab">A keytab holding its keys (<see cref="AtotiAuthKdcContainer.GetKeytabAsync"/>).</param>
    public AtotiAuthStandaloneBuilder WithKerberos(string servicePrincipal, byte[] keytab)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(servicePrincipal);
        ArgumentNullException.ThrowIfNull(keytab);
        if (DockerResourceConfiguration.KerberosDirectory is not null)
        {
            throw new InvalidOperationException("WithKerberos was already called for this container (one service principal per service).");
        }

        var directory = KerberosKeytabDirectory.Write(keytab);
        return Merge(DockerResourceConfiguration, new AtotiAuthStandaloneConfiguration(kerberosDirectory: directory))
            .WithKerberosProvider(servicePrincipal, directory);
    }

    /// <inheritdoc />
    public override AtotiAuthStandaloneContainer Build()
    {
        Validate();
        var builder = this;
        if (DockerResourceConfiguration.Issuer is null)
        {
            var port = FreeHostPort();
            builder = builder.WithPortBinding(port, AtotiAuthImages.HttpPort)
                .WithIssuer(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        }

        if (builder.DockerResourceConfiguration.RoleSeeds.Count > 0)
        {
            var admin = IdentitySeeding.NewAdmin();
            builder = builder.WithUser(admin.Name, admin.Password, [.. admin.Roles])
                .WithWaitStrategy(IdentitySeeding.RolesWait(builder.DockerResourceConfiguration.RoleSeeds, admin));
        }

        return new AtotiAuthStandaloneContainer(builder.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override AtotiAuthStandaloneBuilder Init() =>
        base.Init()
            .WithAtotiAuthDefaults()
            .WithEnvironment(IdentitySeeding.CookieSecureKey, "false");

    /// <inheritdoc />
    protected override AtotiAuthStandaloneBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthStandaloneConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthStandaloneBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthStandaloneConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthStandaloneBuilder Merge(AtotiAuthStandaloneConfiguration oldValue, AtotiAuthStandaloneConfiguration newValue) =>
        new(new AtotiAuthStandaloneConfiguration(oldValue, newValue));

    private static int FreeHostPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
