using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// What the builders of the images that log users in (the identity service, the standalone host)
/// share: basic users and roles seeded at start, the Kerberos provider, cookies without
/// <c>Secure</c> for plain-HTTP tests.
/// </summary>
/// <typeparam name="TBuilder">The concrete builder.</typeparam>
/// <typeparam name="TContainer">The container it builds.</typeparam>
public abstract class AtotiAuthLoginBuilder<TBuilder, TContainer> : AtotiAuthServiceBuilder<TBuilder, TContainer>
    where TBuilder : AtotiAuthLoginBuilder<TBuilder, TContainer>
    where TContainer : IContainer
{
    private protected AtotiAuthLoginBuilder(AtotiAuthServiceConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Seeds a basic user (it gets <c>ROLE_USER</c> and <paramref name="roles"/>).</summary>
    /// <param name="name">Login name.</param>
    /// <param name="password">Password.</param>
    /// <param name="roles">Individual roles besides <c>ROLE_USER</c>.</param>
    public TBuilder WithUser(string name, string password, params string[] roles)
    {
        var user = new AtotiAuthUser(name, password, roles);
        IdentitySeeding.Check(user);
        return Merge(DockerResourceConfiguration, new AtotiAuthServiceConfiguration(users: [user]))
            .WithEnvironment(IdentitySeeding.UserEnvironment(DockerResourceConfiguration.Users.Count, user));
    }

    /// <summary>Sets the individual roles of a basic user (seeded with <c>WithUser</c>); other providers' users are set through the admin API.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="roles">Its roles.</param>
    public TBuilder WithIndividualRoles(string userName, params string[] roles) =>
        WithRoleSeed(RoleSeed.Individual(userName, roles));

    /// <summary>Maps a provider role (or <c>user:{name}</c>) to roles, e.g. <c>("ldap", "ROLE_ATOTI_USER", "ROLE_USER")</c>.</summary>
    /// <param name="provider">The provider id: <c>basic</c>, <c>ldap</c>, or <c>oidc:{id}</c>.</param>
    /// <param name="key">The provider's role, or <c>user:{name}</c> for one user (the only form <c>basic</c> takes).</param>
    /// <param name="roles">The roles it maps to.</param>
    public TBuilder WithRoleMapping(string provider, string key, params string[] roles) =>
        WithRoleSeed(RoleSeed.Mapping(provider, key, roles));

    /// <summary>Sets a provider's default roles (given when a user has neither individual nor mapped roles).</summary>
    /// <param name="provider">The provider id.</param>
    /// <param name="roles">The default roles.</param>
    public TBuilder WithDefaultRoles(string provider, params string[] roles) =>
        WithRoleSeed(RoleSeed.Defaults(provider, roles));

    /// <summary>
    /// Turns the Kerberos provider on: <paramref name="keytab"/> is mounted read-only (as a Secret would
    /// be) and a tmpfs at <c>/var/tmp</c> holds GSSAPI's replay cache. Take the keytab from
    /// <see cref="AtotiAuthKdcContainer.GetKeytabAsync"/>. Other settings of the provider (docs/kerberos.md)
    /// go through <c>WithEnvironment("AtotiAuth__Identity__Kerberos__…")</c>.
    /// </summary>
    /// <param name="servicePrincipal">The service principal, <c>HTTP/&lt;host clients name&gt;</c>, e.g. <c>HTTP/auth.example.test</c>.</param>
    /// <param name="keytab">A keytab holding its keys.</param>
    public TBuilder WithKerberos(string servicePrincipal, byte[] keytab)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(servicePrincipal);
        ArgumentNullException.ThrowIfNull(keytab);
        if (DockerResourceConfiguration.KerberosDirectory is not null)
        {
            throw new InvalidOperationException("WithKerberos was already called for this container (one service principal per service).");
        }

        var directory = KerberosKeytabDirectory.Write(keytab);
        return Merge(DockerResourceConfiguration, new AtotiAuthServiceConfiguration(kerberosDirectory: directory))
            .WithKerberosProvider(servicePrincipal, directory);
    }

    /// <summary>
    /// With roles to seed, adds the seeding admin and the wait step that puts the roles once the
    /// service is ready; called by the concrete builders' <c>Build</c>.
    /// </summary>
    private protected TBuilder WithSeededRoles()
    {
        var seeds = DockerResourceConfiguration.RoleSeeds;
        if (seeds.Count == 0)
        {
            return (TBuilder)this;
        }

        var admin = IdentitySeeding.NewAdmin();
        return WithUser(admin.Name, admin.Password, [.. admin.Roles])
            .WithWaitStrategy(IdentitySeeding.RolesWait(seeds, admin));
    }

    /// <inheritdoc />
    protected override TBuilder Init() =>
        base.Init().WithEnvironment(IdentitySeeding.CookieSecureKey, "false");

    private TBuilder WithRoleSeed(RoleSeed seed) =>
        Merge(DockerResourceConfiguration, new AtotiAuthServiceConfiguration(roleSeeds: [seed]));
}
