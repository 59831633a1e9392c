using System.Globalization;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// Builds a ping sidecar in front of a container of yours (its network alias and port), wired to the
/// token service's keys (its issuer as authority) and to Redis (revocations). Put it on the same
/// network as the cube and the token service.
/// </summary>
public sealed class AtotiAuthPingBuilder : ContainerBuilder<AtotiAuthPingBuilder, AtotiAuthPingContainer, AtotiAuthPingConfiguration>
{
    private const string CubeUrlKey = "AtotiAuth__Ping__CubeUrl";
    private const string CubeIdKey = "AtotiAuth__Ping__CubeId";
    private const string AuthorityKey = "AtotiAuth__Jwt__Authority";

    /// <summary>A builder for <see cref="AtotiAuthImages.Ping"/>.</summary>
    public AtotiAuthPingBuilder()
        : this(AtotiAuthImages.Ping)
    {
    }

    /// <summary>A builder for another image of the ping sidecar.</summary>
    /// <param name="image">The full image name.</param>
    public AtotiAuthPingBuilder(string image)
        : this(new AtotiAuthPingConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private AtotiAuthPingBuilder(AtotiAuthPingConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override AtotiAuthPingConfiguration DockerResourceConfiguration { get; }

    /// <summary>The cube the sidecar fronts, by its network alias and port (<c>AtotiAuth:Ping:CubeUrl</c> = <c>http://{alias}:{port}</c>).</summary>
    /// <param name="networkAlias">The cube container's alias on the sidecar's network.</param>
    /// <param name="port">The cube's HTTP port inside its container.</param>
    public AtotiAuthPingBuilder WithCube(string networkAlias, int port) =>
        WithCubeUrl(string.Create(CultureInfo.InvariantCulture, $"http://{networkAlias}:{port}"));

    /// <summary>The cube the sidecar fronts, by URL (e.g. <c>http://127.0.0.1:9090</c> when they share a network namespace).</summary>
    /// <param name="url">The cube's base URL.</param>
    public AtotiAuthPingBuilder WithCubeUrl(string url) => WithEnvironment(CubeUrlKey, url);

    /// <summary>The cube id sealed into the cookie (<c>AtotiAuth:Ping:CubeId</c>); by default the cube's host name.</summary>
    /// <param name="cubeId">Unique per cube, shared by its replicas.</param>
    public AtotiAuthPingBuilder WithCubeId(string cubeId) => WithEnvironment(CubeIdKey, cubeId);

    /// <summary>The cube's cookie name (<c>AtotiAuth:Ping:CookieName</c>, <c>ATOTI_CUBE</c> by default): two cubes of one UI need two names.</summary>
    /// <param name="cookieName">The cookie name.</param>
    public AtotiAuthPingBuilder WithCookieName(string cookieName) => WithEnvironment("AtotiAuth__Ping__CookieName", cookieName);

    /// <summary>
    /// What the cube is (<c>AtotiAuth:Ping:Backend</c>): an Atoti server (the default), or a cube that trusts
    /// the sidecar's identity headers (<c>X-AtotiAuth-User</c>, <c>-Roles</c>, <c>-Session</c>).
    /// </summary>
    /// <param name="backend">The kind of cube.</param>
    public AtotiAuthPingBuilder WithBackend(AtotiAuthCubeBackend backend) => WithEnvironment("AtotiAuth__Ping__Backend", backend.ToString());

    /// <summary>The token service's issuer, from which the sidecar reads the keys (<c>AtotiAuth:Jwt:Authority</c>); plain HTTP allowed.</summary>
    /// <param name="issuer">The issuer as the sidecar reaches it, e.g. <c>http://token:8080</c>.</param>
    public AtotiAuthPingBuilder WithAuthority(string issuer) =>
        WithEnvironment(AuthorityKey, issuer)
            .WithEnvironment("AtotiAuth__Jwt__AllowHttpAuthority", issuer.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "true" : "false");

    /// <summary>The Redis the sidecar reads revocations from.</summary>
    /// <param name="connectionString">A StackExchange.Redis connection string reachable from the container, e.g. <c>redis:6379</c>.</param>
    public AtotiAuthPingBuilder WithRedis(string connectionString) => WithEnvironment("AtotiAuth__Store__Redis", connectionString);

    /// <summary>Signs in to Redis as <paramref name="user"/> (<c>AtotiAuth:Store:User</c>, <c>Password</c>), one of the users of <see cref="AtotiAuthRedisUsers"/>.</summary>
    /// <param name="user">The Redis ACL user.</param>
    /// <param name="password">Its password.</param>
    public AtotiAuthPingBuilder WithRedisUser(string user, string password) => this.WithRedisUserSettings(user, password);

    /// <summary>Checks Redis's TLS certificate against a CA of the host (PEM), mounted read-only; the connection string needs <c>ssl=true</c>.</summary>
    /// <param name="hostFile">The CA's PEM file on the host.</param>
    public AtotiAuthPingBuilder WithRedisCaCertificate(string hostFile) => this.WithRedisCaSettings(hostFile);

    /// <summary>The UI origins allowed for CORS and WebSocket handshakes (<c>AtotiAuth:Cors:AllowedOrigins</c>).</summary>
    /// <param name="origins">Exact origins, e.g. <c>http://127.0.0.1:5173</c>.</param>
    public AtotiAuthPingBuilder WithAllowedOrigins(params string[] origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        var builder = this;
        for (var i = 0; i < origins.Length; i++)
        {
            builder = builder.WithEnvironment(string.Create(CultureInfo.InvariantCulture, $"AtotiAuth__Cors__AllowedOrigins__{i}"), origins[i]);
        }

        return builder;
    }

    /// <inheritdoc />
    public override AtotiAuthPingContainer Build()
    {
        Validate();
        var environment = DockerResourceConfiguration.Environments;
        if (!environment.TryGetValue(CubeUrlKey, out var cubeUrl) || !Uri.TryCreate(cubeUrl, UriKind.Absolute, out var cube))
        {
            throw new InvalidOperationException("A sidecar needs its cube: call WithCube(networkAlias, port) or WithCubeUrl(url).");
        }

        if (!environment.ContainsKey(AuthorityKey))
        {
            throw new InvalidOperationException("A sidecar needs the token service's issuer: call WithAuthority(issuer).");
        }

        var builder = environment.ContainsKey(CubeIdKey) ? this : WithCubeId(cube.Host);
        return new AtotiAuthPingContainer(builder.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override AtotiAuthPingBuilder Init() =>
        base.Init()
            .WithAtotiAuthDefaults()
            .WithEnvironment("AtotiAuth__Ping__CookieSecure", "false");

    /// <inheritdoc />
    protected override AtotiAuthPingBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthPingConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthPingBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new AtotiAuthPingConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AtotiAuthPingBuilder Merge(AtotiAuthPingConfiguration oldValue, AtotiAuthPingConfiguration newValue) =>
        new(new AtotiAuthPingConfiguration(oldValue, newValue));
}
