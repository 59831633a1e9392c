using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// The split system on one network: Redis, the token service, the identity replicas and the
/// sidecars. The containers are reachable from the host (<c>GetBaseAddress()</c> of each) and from
/// the network (their aliases). Dispose it to remove everything it created.
/// </summary>
public sealed class AtotiAuthSystem : IAsyncDisposable
{
    private readonly AtotiAuthSystemSettings _settings;
    private readonly bool _ownsNetwork;
    private readonly Dictionary<string, AtotiAuthPingContainer> _sidecars = new(StringComparer.Ordinal);

    internal AtotiAuthSystem(AtotiAuthSystemSettings settings)
    {
        _settings = settings;
        _ownsNetwork = settings.Network is null;
        Network = settings.Network ?? new NetworkBuilder().WithName($"atotiauth-{Guid.NewGuid():N}").Build();
        Issuer = settings.Issuer ?? string.Create(CultureInfo.InvariantCulture, $"http://{settings.TokenAlias}:{AtotiAuthImages.HttpPort}");

        Redis = new ContainerBuilder(settings.RedisImage)
            .WithNetwork(Network)
            .WithNetworkAliases(settings.RedisAlias)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted("redis-cli", "ping"))
            .Build();

        var token = new AtotiAuthTokenBuilder(settings.TokenImage)
            .WithNetwork(Network)
            .WithNetworkAliases(settings.TokenAlias)
            .WithRedis(RedisConnectionString)
            .WithIssuer(Issuer)
            .WithIdentityUrl(string.Create(CultureInfo.InvariantCulture, $"http://{settings.IdentityAlias}:{AtotiAuthImages.HttpPort}"));
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

    /// <summary>Redis's connection string on the network, e.g. <c>redis:6379</c>.</summary>
    public string RedisConnectionString => $"{_settings.RedisAlias}:6379";

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
    public AtotiAuthPingBuilder CreateSidecarBuilder(string cubeAlias, int cubePort) =>
        new AtotiAuthPingBuilder(_settings.PingImage)
            .WithNetwork(Network)
            .WithRedis(RedisConnectionString)
            .WithAuthority(Issuer)
            .WithCube(cubeAlias, cubePort);

    /// <summary>An identity builder wired to this system (network, shared alias, Redis, the users every replica seeds), for one more replica.</summary>
    public AtotiAuthIdentityBuilder CreateIdentityBuilder()
    {
        var builder = new AtotiAuthIdentityBuilder(_settings.IdentityImage)
            .WithNetwork(Network)
            .WithNetworkAliases(_settings.IdentityAlias)
            .WithRedis(RedisConnectionString);
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
