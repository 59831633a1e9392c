using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// What the builders of the identity, token and standalone images share: one configuration type, the
/// production defaults of every AtotiAuth container, and the Redis settings. Testcontainers' own
/// pattern (<c>Clone</c>, <c>Merge</c>) is written here once.
/// </summary>
/// <typeparam name="TBuilder">The concrete builder.</typeparam>
/// <typeparam name="TContainer">The container it builds.</typeparam>
public abstract class AtotiAuthServiceBuilder<TBuilder, TContainer> : ContainerBuilder<TBuilder, TContainer, AtotiAuthServiceConfiguration>
    where TBuilder : AtotiAuthServiceBuilder<TBuilder, TContainer>
    where TContainer : IContainer
{
    private AtotiAuthServiceConfiguration _configuration;

    private protected AtotiAuthServiceBuilder(AtotiAuthServiceConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        _configuration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected sealed override AtotiAuthServiceConfiguration DockerResourceConfiguration => _configuration;

    /// <summary>The Redis the service shares with the other services and the sidecars (the standalone host's store instead of memory).</summary>
    /// <param name="connectionString">A StackExchange.Redis connection string reachable from the container, e.g. <c>redis:6379</c>.</param>
    public TBuilder WithRedis(string connectionString) =>
        WithEnvironment("AtotiAuth__Store__Redis", connectionString);

    /// <summary>Signs in to Redis as <paramref name="user"/> (<c>AtotiAuth:Store:User</c>, <c>Password</c>), one of the users of <see cref="AtotiAuthRedisUsers"/>.</summary>
    /// <param name="user">The Redis ACL user.</param>
    /// <param name="password">Its password.</param>
    public TBuilder WithRedisUser(string user, string password) => this.WithRedisUserSettings(user, password);

    /// <summary>Checks Redis's TLS certificate against a CA of the host (PEM), mounted read-only; the connection string needs <c>ssl=true</c>.</summary>
    /// <param name="hostFile">The CA's PEM file on the host.</param>
    public TBuilder WithRedisCaCertificate(string hostFile) => this.WithRedisCaSettings(hostFile);

    /// <summary>Starts from <paramref name="image"/> and this builder's defaults; called by the concrete builders' constructors.</summary>
    private protected void UseImage(string image) => _configuration = Init().WithImage(image).DockerResourceConfiguration;

    /// <summary>A builder of the concrete type holding <paramref name="resourceConfiguration"/>.</summary>
    private protected abstract TBuilder Create(AtotiAuthServiceConfiguration resourceConfiguration);

    /// <summary>Sets the JWTs' issuer (<c>AtotiAuth:Token:Issuer</c>) of a host that signs them.</summary>
    private protected TBuilder WithIssuerSetting(string issuer) =>
        Merge(DockerResourceConfiguration, new AtotiAuthServiceConfiguration(issuer: issuer))
            .WithEnvironment("AtotiAuth__Token__Issuer", issuer);

    /// <summary>Signs with the keys of a host directory (docs/keys.md), mounted read-only at <see cref="SigningKeyDirectory.MountPath"/>.</summary>
    private protected TBuilder WithKeyDirectorySetting(string hostDirectory, bool generated = false)
    {
        var directory = Path.GetFullPath(hostDirectory);
        return Merge(DockerResourceConfiguration, new AtotiAuthServiceConfiguration(keyDirectory: directory, generatedKeyDirectory: generated ? directory : null))
            .WithBindMount(directory, SigningKeyDirectory.MountPath, AccessMode.ReadOnly)
            .WithEnvironment(SigningKeyDirectory.KeyDirectorySetting, SigningKeyDirectory.MountPath);
    }

    /// <inheritdoc />
    protected override TBuilder Init() => base.Init().WithAtotiAuthDefaults();

    /// <inheritdoc />
    protected sealed override TBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthServiceConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected sealed override TBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthServiceConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected sealed override TBuilder Merge(AtotiAuthServiceConfiguration oldValue, AtotiAuthServiceConfiguration newValue) =>
        Create(new AtotiAuthServiceConfiguration(oldValue, newValue));
}
