using System.Globalization;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// Builds the token service (<c>GET /jwt</c>, the JWKS) on Redis. Signs with a generated RSA key
/// unless given a key directory. Its issuer, unless set, is <c>http://{first network alias}:8080</c>,
/// the address its network's verifiers (sidecars) fetch the keys from.
/// </summary>
public sealed class AtotiAuthTokenBuilder : ContainerBuilder<AtotiAuthTokenBuilder, AtotiAuthTokenContainer, AtotiAuthTokenConfiguration>
{
    /// <summary>A builder for <see cref="AtotiAuthImages.Token"/>.</summary>
    public AtotiAuthTokenBuilder()
        : this(AtotiAuthImages.Token)
    {
    }

    /// <summary>A builder for another image of the token service.</summary>
    /// <param name="image">The full image name.</param>
    public AtotiAuthTokenBuilder(string image)
        : this(new AtotiAuthTokenConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private AtotiAuthTokenBuilder(AtotiAuthTokenConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override AtotiAuthTokenConfiguration DockerResourceConfiguration { get; }

    /// <summary>Sets the JWTs' issuer (<c>AtotiAuth:Token:Issuer</c>): the JWT server's URL as the verifiers reach it.</summary>
    /// <param name="issuer">The issuer URL, no trailing slash, e.g. <c>http://gateway:8080</c>.</param>
    public AtotiAuthTokenBuilder WithIssuer(string issuer) =>
        Merge(DockerResourceConfiguration, new AtotiAuthTokenConfiguration(issuer: issuer))
            .WithEnvironment("AtotiAuth__Token__Issuer", issuer);

    /// <summary>Signs with the keys of a directory of the host (docs/keys.md), mounted read-only at <c>/keys</c>.</summary>
    /// <param name="hostDirectory">The key directory; its files must be readable by UID 1654.</param>
    public AtotiAuthTokenBuilder WithSigningKeyDirectory(string hostDirectory) =>
        Merge(DockerResourceConfiguration, new AtotiAuthTokenConfiguration(keyDirectory: Path.GetFullPath(hostDirectory)))
            .WithBindMount(Path.GetFullPath(hostDirectory), SigningKeyDirectory.MountPath, AccessMode.ReadOnly)
            .WithEnvironment(SigningKeyDirectory.KeyDirectorySetting, SigningKeyDirectory.MountPath);

    /// <summary>The Redis the service shares with identity and the sidecars.</summary>
    /// <param name="connectionString">A StackExchange.Redis connection string reachable from the container, e.g. <c>redis:6379</c>.</param>
    public AtotiAuthTokenBuilder WithRedis(string connectionString) =>
        WithEnvironment("AtotiAuth__Store__Redis", connectionString);

    /// <summary>
    /// The identity service as the token service reaches it (<c>AtotiAuth:Token:IdentityUrl</c>), which
    /// checks the Basic credentials scripts bring to <c>/jwt</c>.
    /// </summary>
    /// <param name="identityUrl">The identity service's URL on the network, e.g. <c>http://identity:8080</c>.</param>
    public AtotiAuthTokenBuilder WithIdentityUrl(string identityUrl) =>
        WithEnvironment("AtotiAuth__Token__IdentityUrl", identityUrl);

    /// <summary>Signs in to Redis as <paramref name="user"/> (<c>AtotiAuth:Store:User</c>, <c>Password</c>), one of the users of <see cref="AtotiAuthRedisUsers"/>.</summary>
    /// <param name="user">The Redis ACL user.</param>
    /// <param name="password">Its password.</param>
    public AtotiAuthTokenBuilder WithRedisUser(string user, string password) => this.WithRedisUserSettings(user, password);

    /// <summary>Checks Redis's TLS certificate against a CA of the host (PEM), mounted read-only; the connection string needs <c>ssl=true</c>.</summary>
    /// <param name="hostFile">The CA's PEM file on the host.</param>
    public AtotiAuthTokenBuilder WithRedisCaCertificate(string hostFile) => this.WithRedisCaSettings(hostFile);

    /// <summary>Sets the token lifetime (<c>AtotiAuth:Token:Lifetime</c>, 15 minutes by default).</summary>
    /// <param name="lifetime">The lifetime.</param>
    public AtotiAuthTokenBuilder WithLifetime(TimeSpan lifetime) =>
        WithEnvironment("AtotiAuth__Token__Lifetime", lifetime.ToString("c", CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override AtotiAuthTokenContainer Build()
    {
        Validate();
        var builder = this;
        if (DockerResourceConfiguration.Issuer is null)
        {
            var alias = DockerResourceConfiguration.NetworkAliases?.FirstOrDefault()
                ?? throw new InvalidOperationException("The token service needs an issuer: call WithIssuer, or give it a network alias (its issuer is then http://{alias}:8080).");
            builder = builder.WithIssuer(string.Create(CultureInfo.InvariantCulture, $"http://{alias}:{AtotiAuthImages.HttpPort}"));
        }

        if (builder.DockerResourceConfiguration.KeyDirectory is null)
        {
            var directory = SigningKeyDirectory.Generate();
            builder = builder.WithSigningKeyDirectory(directory);
            builder = builder.Merge(builder.DockerResourceConfiguration, new AtotiAuthTokenConfiguration(generatedKeyDirectory: directory));
        }

        return new AtotiAuthTokenContainer(builder.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override AtotiAuthTokenBuilder Init() => base.Init().WithAtotiAuthDefaults();

    /// <inheritdoc />
    protected override AtotiAuthTokenBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthTokenConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthTokenBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthTokenConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthTokenBuilder Merge(AtotiAuthTokenConfiguration oldValue, AtotiAuthTokenConfiguration newValue) =>
        new(new AtotiAuthTokenConfiguration(oldValue, newValue));
}
