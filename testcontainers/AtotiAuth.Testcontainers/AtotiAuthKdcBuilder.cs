using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// Builds an MIT Kerberos KDC (the test image <see cref="AtotiAuthImages.Kdc"/>, which
/// <c>scripts/build-test-images.sh kdc</c> builds) with users and service principals, for testing
/// single sign-on through the identity service's Kerberos provider
/// (<see cref="AtotiAuthLoginBuilder{TBuilder, TContainer}.WithKerberos"/>). Ready once a user can get a ticket.
/// </summary>
public sealed class AtotiAuthKdcBuilder : ContainerBuilder<AtotiAuthKdcBuilder, AtotiAuthKdcContainer, AtotiAuthKdcConfiguration>
{
    /// <summary>The KDC's port, TCP (and UDP, unpublished: Docker maps ports per protocol).</summary>
    public const ushort KdcPort = 88;

    /// <summary>The realm when <see cref="WithRealm"/> is not called.</summary>
    public const string DefaultRealm = "EXAMPLE.TEST";

    /// <summary>A builder for <see cref="AtotiAuthImages.Kdc"/>.</summary>
    public AtotiAuthKdcBuilder()
        : this(AtotiAuthImages.Kdc)
    {
    }

    /// <summary>A builder for another image of the same contract (tests/containers/kdc).</summary>
    /// <param name="image">The full image name.</param>
    public AtotiAuthKdcBuilder(string image)
        : this(new AtotiAuthKdcConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private AtotiAuthKdcBuilder(AtotiAuthKdcConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override AtotiAuthKdcConfiguration DockerResourceConfiguration { get; }

    /// <summary>The realm, e.g. <c>EXAMPLE.TEST</c> (upper case by convention).</summary>
    /// <param name="realm">The realm.</param>
    public AtotiAuthKdcBuilder WithRealm(string realm)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(realm);
        return Merge(DockerResourceConfiguration, new AtotiAuthKdcConfiguration(realm: realm));
    }

    /// <summary>A user principal <c>name@REALM</c> with a password. Without any, the image's alice, bob and admin (password <c>NAME-pass</c>).</summary>
    /// <param name="name">The principal's name without realm.</param>
    /// <param name="password">Its password.</param>
    public AtotiAuthKdcBuilder WithUser(string name, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(password);
        if (name.Contains(' ', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal) || password.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("A user name has no space or ':', a password no space (the image reads them as 'name:password ...').", nameof(name));
        }

        return Merge(DockerResourceConfiguration, new AtotiAuthKdcConfiguration(users: [new(name, password)]));
    }

    /// <summary>A service principal with random keys, e.g. <c>HTTP/auth.example.test</c>; its keytab comes from <see cref="AtotiAuthKdcContainer.GetKeytabAsync"/>.</summary>
    /// <param name="principal">The principal without realm.</param>
    public AtotiAuthKdcBuilder WithServicePrincipal(string principal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        return Merge(DockerResourceConfiguration, new AtotiAuthKdcConfiguration(servicePrincipals: [principal]));
    }

    /// <inheritdoc />
    public override AtotiAuthKdcContainer Build()
    {
        Validate();
        var configuration = DockerResourceConfiguration;
        var builder = WithEnvironment("KDC_REALM", configuration.Realm ?? DefaultRealm)
            .WithEnvironment("KDC_SERVICES", string.Join(' ', configuration.ServicePrincipals));
        if (configuration.Users.Count > 0)
        {
            builder = builder.WithEnvironment("KDC_USERS", string.Join(' ', configuration.Users.Select(static u => $"{u.Key}:{u.Value}")));
        }

        return new AtotiAuthKdcContainer(builder.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override AtotiAuthKdcBuilder Init() =>
        base.Init()
            .WithPortBinding(KdcPort, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("kdc ready"));

    /// <inheritdoc />
    protected override AtotiAuthKdcBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthKdcConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthKdcBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthKdcConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthKdcBuilder Merge(AtotiAuthKdcConfiguration oldValue, AtotiAuthKdcConfiguration newValue) =>
        new(new AtotiAuthKdcConfiguration(oldValue, newValue));
}
