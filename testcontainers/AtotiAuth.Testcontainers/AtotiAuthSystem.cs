using System.Globalization;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// The split system on one network: Redis, the token service, the identity replicas and the
/// sidecars. The containers are reachable from the host (<c>GetBaseAddress()</c> of each) and from
/// the network (their aliases). Redis runs with the deployment's ACL users (<see cref="AtotiAuthRedisUsers"/>,
/// <c>default</c> off), each service signing in as its own, and with TLS where asked. Dispose it to
/// remove everything it created.
/// </summary>
public sealed class AtotiAuthSystem : IAsyncDisposable
{
    private readonly AtotiAuthSystemSettings _settings;
    private readonly bool _ownsNetwork;
    private readonly Dictionary<string, AtotiAuthPingContainer> _sidecars = new(StringComparer.Ordinal);
    private readonly string? _redisCaDirectory;

    internal AtotiAuthSystem(AtotiAuthSystemSettings settings)
    {
        _settings = settings;
        _ownsNetwork = settings.Network is null;
        Network = settings.Network ?? new NetworkBuilder().WithName($"atotiauth-{Guid.NewGuid():N}").Build();
        Issuer = settings.Issuer ?? string.Create(CultureInfo.InvariantCulture, $"http://{settings.TokenAlias}:{AtotiAuthImages.HttpPort}");

        RedisUsers = new AtotiAuthRedisUsers();
        if (settings.RedisTls is { } tls)
        {
            _redisCaDirectory = Directory.CreateTempSubdirectory("atotiauth-testcontainers-redis-ca-").FullName;
            File.WriteAllText(Path.Combine(_redisCaDirectory, "ca.crt"), tls.CaCertificatePem);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_redisCaDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }

        Redis = BuildRedis(settings);

        var token = CreateTokenBuilder().WithNetworkAliases(settings.TokenAlias);
        Token = settings.Token.Aggregate(token, static (builder, configure) => configure(builder)).Build();

        Identities = [.. Enumerable.Range(1, settings.IdentityReplicas).Select(BuildIdentity)];
        foreach (var sidecar in settings.Sidecars)
        {
            var builder = CreateSidecarBuilder(sidecar.CubeAlias, sidecar.CubePort)
                .WithNetworkAliases(sidecar.Name)
                .WithCubeId(sidecar.Name)
                .WithCookieName(CookieNameOf(sidecar.Name));
            _sidecars[sidecar.Name] = (sidecar.Configure?.Invoke(builder) ?? builder).Build();
        }
    }

    /// <summary>The network every container is on.</summary>
    public INetwork Network { get; }

    /// <summary>Redis (no port published to the host).</summary>
    public IContainer Redis { get; }

    /// <summary>Redis's connection string on the network, e.g. <c>redis:6379</c> (<c>,ssl=true</c> with TLS); each service adds its user.</summary>
    public string RedisConnectionString => _settings.RedisTls is null ? $"{_settings.RedisAlias}:6379" : $"{_settings.RedisAlias}:6379,ssl=true";

    /// <summary>The Redis ACL users and their passwords (one per service; <c>default</c> is off).</summary>
    public AtotiAuthRedisUsers RedisUsers { get; }

    /// <summary>The token service.</summary>
    public AtotiAuthTokenContainer Token { get; }

    /// <summary>The identity replicas (stop one to see the others carry its sessions).</summary>
    public IReadOnlyList<AtotiAuthIdentityContainer> Identities { get; }

    /// <summary>The first identity replica.</summary>
    public AtotiAuthIdentityContainer Identity => Identities[0];

    /// <summary>The sidecars added with <see cref="AtotiAuthSystemBuilder.WithSidecar"/>, by name.</summary>
    public IReadOnlyDictionary<string, AtotiAuthPingContainer> Sidecars => _sidecars;

    /// <summary>The JWTs' issuer, also every sidecar's authority.</summary>
    public string Issuer { get; }

    /// <summary>The JWT server (<c>/jwt</c>, JWKS) as the host reaches it: the token service.</summary>
    public Uri GetJwtServerUrl() => Token.GetBaseAddress();

    /// <summary>The JWT server as the containers of the network reach it, e.g. <c>http://token:8080/</c>.</summary>
    public Uri JwtServerNetworkUrl => Token.NetworkAddress!;

    /// <summary>Starts Redis, then token and the identity replicas together, then the sidecars.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // Idempotent: a network the caller already created is left as it is.
        await Network.CreateAsync(cancellationToken).ConfigureAwait(false);
        await Redis.StartAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(Identities.Select(i => i.StartAsync(cancellationToken)).Append(Token.StartAsync(cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(_sidecars.Values.Select(s => s.StartAsync(cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// A sidecar builder wired to this system (network, Redis, issuer as authority) for a cube of yours;
    /// add a network alias, cube id and cookie name, build and start it yourself (and dispose it).
    /// </summary>
    /// <param name="cubeAlias">The cube's network alias.</param>
    /// <param name="cubePort">The cube's HTTP port inside its container.</param>
    public AtotiAuthPingBuilder CreateSidecarBuilder(string cubeAlias, int cubePort)
    {
        var builder = new AtotiAuthPingBuilder(_settings.PingImage)
            .WithNetwork(Network)
            .WithRedis(RedisConnectionString)
            .WithRedisUser(AtotiAuthRedisUsers.Ping, RedisUsers.PasswordOf(AtotiAuthRedisUsers.Ping))
            .WithAuthority(Issuer)
            .WithCube(cubeAlias, cubePort);
        return _redisCaDirectory is null ? builder : builder.WithRedisCaCertificate(Path.Combine(_redisCaDirectory, "ca.crt"));
    }

    /// <summary>A token service builder wired to this system (network, Redis and its user, the issuer), for one more replica; add a network alias.</summary>
    public AtotiAuthTokenBuilder CreateTokenBuilder()
    {
        var builder = new AtotiAuthTokenBuilder(_settings.TokenImage)
            .WithNetwork(Network)
            .WithRedis(RedisConnectionString)
            .WithRedisUser(AtotiAuthRedisUsers.Token, RedisUsers.PasswordOf(AtotiAuthRedisUsers.Token))
            .WithIssuer(Issuer)
            .WithIdentityUrl(string.Create(CultureInfo.InvariantCulture, $"http://{_settings.IdentityAlias}:{AtotiAuthImages.HttpPort}"));
        return _redisCaDirectory is null ? builder : builder.WithRedisCaCertificate(Path.Combine(_redisCaDirectory, "ca.crt"));
    }

    /// <summary>An identity builder wired to this system (network, shared alias, Redis, the users every replica seeds), for one more replica.</summary>
    public AtotiAuthIdentityBuilder CreateIdentityBuilder()
    {
        var builder = new AtotiAuthIdentityBuilder(_settings.IdentityImage)
            .WithNetwork(Network)
            .WithNetworkAliases(_settings.IdentityAlias)
            .WithRedis(RedisConnectionString)
            .WithRedisUser(AtotiAuthRedisUsers.Identity, RedisUsers.PasswordOf(AtotiAuthRedisUsers.Identity));
        if (_redisCaDirectory is not null)
        {
            builder = builder.WithRedisCaCertificate(Path.Combine(_redisCaDirectory, "ca.crt"));
        }

        return _settings.EveryIdentity.Aggregate(builder, static (b, configure) => configure(b));
    }

    /// <summary>Logs a user in at the first identity replica (HTTP Basic) and returns the session.</summary>
    /// <param name="userName">The user.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="HttpRequestException">The login was refused (401 for wrong credentials).</exception>
    public Task<AtotiAuthSession> LoginAsync(string userName, string password, CancellationToken cancellationToken = default) =>
        Identity.LoginAsync(userName, password, cancellationToken);

    /// <summary>Returns the session's JWT from the token service.</summary>
    /// <param name="session">A session from <see cref="LoginAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<string> GetJwtAsync(AtotiAuthSession session, CancellationToken cancellationToken = default) =>
        Token.GetJwtAsync(session, cancellationToken);

    /// <summary>Logs a user in and returns a JWT for it.</summary>
    /// <param name="userName">The user.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<string> GetJwtAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var session = await LoginAsync(userName, password, cancellationToken).ConfigureAwait(false);
        return await GetJwtAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs the session out at the first identity replica: every sidecar refuses its JWTs and cookies from then on.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task LogoutAsync(AtotiAuthSession session, CancellationToken cancellationToken = default) =>
        Identity.LogoutAsync(session, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var container in _sidecars.Values.Cast<IAsyncDisposable>().Concat(Identities).Append(Token).Append(Redis))
        {
            await container.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownsNetwork)
        {
            await Network.DisposeAsync().ConfigureAwait(false);
        }

        if (_redisCaDirectory is not null)
        {
            Directory.Delete(_redisCaDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Redis with the deployment's ACL file (passwords added as hashes), no persistence, and TLS only
    /// where asked; ready once it logs so (its <c>redis-cli ping</c> would need a user now).
    /// </summary>
    private IContainer BuildRedis(AtotiAuthSystemSettings settings)
    {
        const string folder = "/tmp/atotiauth";
        string[] command =
        [
            "redis-server", "--aclfile", $"{folder}/users.acl", "--protected-mode", "no", "--save", "", "--appendonly", "no",
            .. settings.RedisTls is null
                ? Array.Empty<string>()
                : ["--port", "0", "--tls-port", "6379", "--tls-cert-file", $"{folder}/redis.crt", "--tls-key-file", $"{folder}/redis.key",
                   "--tls-ca-cert-file", $"{folder}/ca.crt", "--tls-auth-clients", "no"],
        ];
        var builder = new ContainerBuilder(settings.RedisImage)
            .WithNetwork(Network)
            .WithNetworkAliases(settings.RedisAlias)
            .WithResourceMapping(Encoding.UTF8.GetBytes(RedisUsers.RenderAclFile()), $"{folder}/users.acl")
            .WithCommand(command)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Ready to accept connections"));
        if (settings.RedisTls is { } tls)
        {
            builder = builder
                .WithResourceMapping(Encoding.ASCII.GetBytes(tls.CaCertificatePem), $"{folder}/ca.crt")
                .WithResourceMapping(Encoding.ASCII.GetBytes(tls.CertificatePem), $"{folder}/redis.crt")
                .WithResourceMapping(Encoding.ASCII.GetBytes(tls.KeyPem), $"{folder}/redis.key");
        }

        return builder.Build();
    }

    /// <summary>A cookie name per sidecar, so that the cubes of one UI do not overwrite each other's (cookies are per host, not per port).</summary>
    private static string CookieNameOf(string name) =>
        "ATOTI_CUBE_" + new string([.. name.ToUpperInvariant().Select(static c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);

    private AtotiAuthIdentityContainer BuildIdentity(int replica)
    {
        var builder = CreateIdentityBuilder()
            .WithNetworkAliases(string.Create(CultureInfo.InvariantCulture, $"{_settings.IdentityAlias}-{replica}"));
        if (replica == 1)
        {
            builder = _settings.FirstIdentity.Aggregate(builder, static (b, configure) => configure(b));
        }

        return builder.Build();
    }
}
