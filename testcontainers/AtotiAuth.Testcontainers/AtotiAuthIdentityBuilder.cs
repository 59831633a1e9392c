using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// Builds the identity service (login, logout, sessions, admin API) on Redis, with seeded basic
/// users and roles. Ready when <c>/readyz</c> answers (Redis included) and the roles are in. Several
/// replicas may share one Redis: roles seeded by one are seen by all.
/// </summary>
public sealed class AtotiAuthIdentityBuilder : ContainerBuilder<AtotiAuthIdentityBuilder, AtotiAuthIdentityContainer, AtotiAuthIdentityConfiguration>
{
    /// <summary>A builder for <see cref="AtotiAuthImages.Identity"/>.</summary>
    public AtotiAuthIdentityBuilder()
        : this(AtotiAuthImages.Identity)
    {
    }

    /// <summary>A builder for another image of the identity service.</summary>
    /// <param name="image">The full image name.</param>
    public AtotiAuthIdentityBuilder(string image)
        : this(new AtotiAuthIdentityConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private AtotiAuthIdentityBuilder(AtotiAuthIdentityConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override AtotiAuthIdentityConfiguration DockerResourceConfiguration { get; }

    /// <summary>Seeds a basic user (it gets <c>ROLE_USER</c> and <paramref name="roles"/>).</summary>
    /// <param name="name">Login name.</param>
    /// <param name="password">Password.</param>
    /// <param name="roles">Individual roles besides <c>ROLE_USER</c>.</param>
    public AtotiAuthIdentityBuilder WithUser(string name, string password, params string[] roles)
    {
        var user = new AtotiAuthUser(name, password, roles);
        IdentitySeeding.Check(user);
        return Merge(DockerResourceConfiguration, new AtotiAuthIdentityConfiguration(users: [user]))
            .WithEnvironment(IdentitySeeding.UserEnvironment(DockerResourceConfiguration.Users.Count, user));
    }

    /// <summary>Sets the individual roles of a basic user (seeded with <c>WithUser</c>); other providers' users are set through the admin API.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="roles">Its roles.</param>
    public AtotiAuthIdentityBuilder WithIndividualRoles(string userName, params string[] roles) =>
        Merge(DockerResourceConfiguration, new AtotiAuthIdentityConfiguration(roleSeeds: [RoleSeed.Individual(userName, roles)]));

    /// <summary>Maps a provider role (or <c>user:{name}</c>) to roles, e.g. <c>("ldap", "ROLE_ATOTI_USER", "ROLE_USER")</c>.</summary>
    /// <param name="provider">The provider id: <c>basic</c>, <c>ldap</c>, or <c>oidc:{id}</c>.</param>
    /// <param name="key">The provider's role, or <c>user:{name}</c> for one user (the only form <c>basic</c> takes).</param>
    /// <param name="roles">The roles it maps to.</param>
    public AtotiAuthIdentityBuilder WithRoleMapping(string provider, string key, params string[] roles) =>
        Merge(DockerResourceConfiguration, new AtotiAuthIdentityConfiguration(roleSeeds: [RoleSeed.Mapping(provider, key, roles)]));

    /// <summary>Sets a provider's default roles (given when a user has neither individual nor mapped roles).</summary>
    /// <param name="provider">The provider id.</param>
    /// <param name="roles">The default roles.</param>
    public AtotiAuthIdentityBuilder WithDefaultRoles(string provider, params string[] roles) =>
        Merge(DockerResourceConfiguration, new AtotiAuthIdentityConfiguration(roleSeeds: [RoleSeed.Defaults(provider, roles)]));

    /// <summary>The Redis the service shares with token and the sidecars.</summary>
    /// <param name="connectionString">A StackExchange.Redis connection string reachable from the container, e.g. <c>redis:6379</c>.</param>
    public AtotiAuthIdentityBuilder WithRedis(string connectionString) =>
        WithEnvironment("AtotiAuth__Store__Redis", connectionString);

    /// <summary>Signs in to Redis as <paramref name="user"/> (<c>AtotiAuth:Store:User</c>, <c>Password</c>), one of the users of <see cref="AtotiAuthRedisUsers"/>.</summary>
    /// <param name="user">The Redis ACL user.</param>
    /// <param name="password">Its password.</param>
    public AtotiAuthIdentityBuilder WithRedisUser(string user, string password) => this.WithRedisUserSettings(user, password);

    /// <summary>Checks Redis's TLS certificate against a CA of the host (PEM), mounted read-only; the connection string needs <c>ssl=true</c>.</summary>
    /// <param name="hostFile">The CA's PEM file on the host.</param>
    public AtotiAuthIdentityBuilder WithRedisCaCertificate(string hostFile) => this.WithRedisCaSettings(hostFile);

    /// <summary>
    /// Turns the Kerberos provider on: <paramref name="keytab"/> is mounted read-only (as a Secret would
    /// be) and a tmpfs at <c>/var/tmp</c> holds GSSAPI's replay cache. Take the keytab from
    /// <see cref="AtotiAuthKdcContainer.GetKeytabAsync"/>. Other settings of the provider (docs/kerberos.md)
    /// go through <c>WithEnvironment("AtotiAuth__Identity__Kerberos__…")</c>.
    /// </summary>
    /// <param name="servicePrincipal">The service principal, <c>HTTP/&lt;host clients name&gt;</c>, e.g. <c>HTTP/auth.example.test</c>.</param>
    /// <param name="keytab">A keytab holding its keys.</param>
    public AtotiAuthIdentityBuilder WithKerberos(string servicePrincipal, byte[] keytab)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(servicePrincipal);
        ArgumentNullException.ThrowIfNull(keytab);
        if (DockerResourceConfiguration.KerberosDirectory is not null)
        {
            throw new InvalidOperationException("WithKerberos was already called for this container (one service principal per service).");
        }

        var directory = KerberosKeytabDirectory.Write(keytab);
        return Merge(DockerResourceConfiguration, new AtotiAuthIdentityConfiguration(kerberosDirectory: directory))
            .WithKerberosProvider(servicePrincipal, directory);
    }

    /// <inheritdoc />
    public override AtotiAuthIdentityContainer Build()
    {
        Validate();
        var builder = this;
        if (builder.DockerResourceConfiguration.RoleSeeds.Count > 0)
        {
            var admin = IdentitySeeding.NewAdmin();
            builder = builder.WithUser(admin.Name, admin.Password, [.. admin.Roles])
                .WithWaitStrategy(IdentitySeeding.RolesWait(builder.DockerResourceConfiguration.RoleSeeds, admin));
        }

        return new AtotiAuthIdentityContainer(builder.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override AtotiAuthIdentityBuilder Init() =>
        base.Init()
            .WithAtotiAuthDefaults()
            .WithEnvironment(IdentitySeeding.CookieSecureKey, "false");

    /// <inheritdoc />
    protected override AtotiAuthIdentityBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthIdentityConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthIdentityBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthIdentityConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthIdentityBuilder Merge(AtotiAuthIdentityConfiguration oldValue, AtotiAuthIdentityConfiguration newValue) =>
        new(new AtotiAuthIdentityConfiguration(oldValue, newValue));
}
