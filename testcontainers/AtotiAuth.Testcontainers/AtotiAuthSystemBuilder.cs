using DotNet.Testcontainers.Networks;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// Builds the split system as production runs it: Redis, the token service, one or more identity
/// replicas, and ping sidecars, on one Docker network (its own, or yours). Immutable: every
/// <c>With…</c> returns a new builder.
/// </summary>
/// <example>
/// <code>
/// await using var system = new AtotiAuthSystemBuilder()
///     .WithUser("alice", "alice-password", "ROLE_TRADER")
///     .WithSidecar("risk", cubeAlias: "risk-cube", cubePort: 8080)
///     .Build();
/// await system.StartAsync();   // then start your cube with .WithNetwork(system.Network).WithNetworkAliases("risk-cube")
/// var jwt = await system.GetJwtAsync("alice", "alice-password");
/// using var cube = await system.Sidecars["risk"].CreateClientAsync(jwt);
/// </code>
/// </example>
public sealed class AtotiAuthSystemBuilder
{
    private readonly AtotiAuthSystemSettings _settings;

    /// <summary>A builder with the default images (<see cref="AtotiAuthImages"/>), one identity replica and no sidecar.</summary>
    public AtotiAuthSystemBuilder()
        : this(new AtotiAuthSystemSettings())
    {
    }

    private AtotiAuthSystemBuilder(AtotiAuthSystemSettings settings)
    {
        _settings = settings;
    }

    /// <summary>Puts everything on your network (created by you, or by the system at start if not yet); by default the system creates and removes its own.</summary>
    /// <param name="network">The network.</param>
    public AtotiAuthSystemBuilder WithNetwork(INetwork network) => new(_settings with { Network = network });

    /// <summary>Chooses the network aliases (defaults <c>redis</c>, <c>token</c>, <c>identity</c>; replicas also get <c>identity-1</c>, <c>identity-2</c>…).</summary>
    /// <param name="redis">Redis's alias.</param>
    /// <param name="token">The token service's alias (its default issuer is <c>http://{token}:8080</c>).</param>
    /// <param name="identity">The alias every identity replica shares.</param>
    public AtotiAuthSystemBuilder WithAliases(string redis = "redis", string token = "token", string identity = "identity") =>
        new(_settings with { RedisAlias = redis, TokenAlias = token, IdentityAlias = identity });

    /// <summary>Uses other images (null keeps the default).</summary>
    /// <param name="redis">Redis.</param>
    /// <param name="token">The token service.</param>
    /// <param name="identity">The identity service.</param>
    /// <param name="ping">The ping sidecar.</param>
    public AtotiAuthSystemBuilder WithImages(string? redis = null, string? token = null, string? identity = null, string? ping = null) =>
        new(_settings with
        {
            RedisImage = redis ?? _settings.RedisImage,
            TokenImage = token ?? _settings.TokenImage,
            IdentityImage = identity ?? _settings.IdentityImage,
            PingImage = ping ?? _settings.PingImage,
        });

    /// <summary>Runs <paramref name="replicas"/> identity services on the one Redis (any of them serves any session).</summary>
    /// <param name="replicas">One or more.</param>
    public AtotiAuthSystemBuilder WithIdentityReplicas(int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        return new(_settings with { IdentityReplicas = replicas });
    }

    /// <summary>Seeds a basic user (it gets <c>ROLE_USER</c> and <paramref name="roles"/>).</summary>
    /// <param name="name">Login name.</param>
    /// <param name="password">Password.</param>
    /// <param name="roles">Individual roles besides <c>ROLE_USER</c>.</param>
    public AtotiAuthSystemBuilder WithUser(string name, string password, params string[] roles) =>
        WithIdentity(identity => identity.WithUser(name, password, roles), firstReplicaOnly: false);

    /// <summary>Sets the individual roles of a basic user (seeded with <c>WithUser</c>); other providers' users are set through the admin API.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="roles">Its roles.</param>
    public AtotiAuthSystemBuilder WithIndividualRoles(string userName, params string[] roles) =>
        WithIdentity(identity => identity.WithIndividualRoles(userName, roles), firstReplicaOnly: true);

    /// <summary>Maps a provider role (or <c>user:{name}</c>) to roles, e.g. <c>("ldap", "ROLE_ATOTI_USER", "ROLE_USER")</c>.</summary>
    /// <param name="provider">The provider id: <c>basic</c>, <c>ldap</c>, or <c>oidc:{id}</c>.</param>
    /// <param name="key">The provider's role, or <c>user:{name}</c> for one user (the only form <c>basic</c> takes).</param>
    /// <param name="roles">The roles it maps to.</param>
    public AtotiAuthSystemBuilder WithRoleMapping(string provider, string key, params string[] roles) =>
        WithIdentity(identity => identity.WithRoleMapping(provider, key, roles), firstReplicaOnly: true);

    /// <summary>Sets a provider's default roles.</summary>
    /// <param name="provider">The provider id.</param>
    /// <param name="roles">The default roles.</param>
    public AtotiAuthSystemBuilder WithDefaultRoles(string provider, params string[] roles) =>
        WithIdentity(identity => identity.WithDefaultRoles(provider, roles), firstReplicaOnly: true);

    /// <summary>Changes every identity replica, e.g. LDAP or OIDC settings with <c>WithEnvironment</c>.</summary>
    /// <param name="configure">Returns the changed builder.</param>
    /// <param name="firstReplicaOnly">Apply to the first replica only (seeds that live in Redis need one writer).</param>
    public AtotiAuthSystemBuilder WithIdentity(Func<AtotiAuthIdentityBuilder, AtotiAuthIdentityBuilder> configure, bool firstReplicaOnly = false)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return firstReplicaOnly
            ? new(_settings with { FirstIdentity = [.. _settings.FirstIdentity, configure] })
            : new(_settings with { EveryIdentity = [.. _settings.EveryIdentity, configure] });
    }

    /// <summary>Changes the token service, e.g. <c>WithLifetime</c> or CORS origins with <c>WithEnvironment</c>.</summary>
    /// <param name="configure">Returns the changed builder.</param>
    public AtotiAuthSystemBuilder WithToken(Func<AtotiAuthTokenBuilder, AtotiAuthTokenBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return new(_settings with { Token = [.. _settings.Token, configure] });
    }

    /// <summary>Sets the issuer, which the sidecars also use as their authority (e.g. a gateway's URL in front of identity and token).</summary>
    /// <param name="issuer">The issuer as the containers of the network reach it; default <c>http://token:8080</c>.</param>
    public AtotiAuthSystemBuilder WithIssuer(string issuer) => new(_settings with { Issuer = issuer });

    /// <summary>
    /// Speaks TLS to Redis: Redis serves only TLS on 6379 with this certificate, and every service checks
    /// it against the CA (<c>ssl=true</c>, <c>AtotiAuth:Store:CaCertificateFile</c>).
    /// </summary>
    /// <param name="tls">Redis's certificate (for its alias) and key, and the CA.</param>
    public AtotiAuthSystemBuilder WithRedisTls(AtotiAuthRedisTls tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return new(_settings with { RedisTls = tls });
    }

    /// <summary>Signs with the keys of a host directory (docs/keys.md) instead of a generated key.</summary>
    /// <param name="hostDirectory">The key directory; its files must be readable by UID 1654.</param>
    public AtotiAuthSystemBuilder WithSigningKeyDirectory(string hostDirectory) =>
        WithToken(token => token.WithSigningKeyDirectory(hostDirectory));

    /// <summary>Adds a sidecar in front of a container of yours, started with the system (the cube may start later).</summary>
    /// <param name="name">The sidecar's name: its key in <see cref="AtotiAuthSystem.Sidecars"/>, its network alias, its default cube id and cookie name.</param>
    /// <param name="cubeAlias">The cube's network alias.</param>
    /// <param name="cubePort">The cube's HTTP port inside its container.</param>
    /// <param name="configure">Further settings (cookie name, origins, environment), or null.</param>
    public AtotiAuthSystemBuilder WithSidecar(string name, string cubeAlias, int cubePort, Func<AtotiAuthPingBuilder, AtotiAuthPingBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_settings.Sidecars.Any(s => s.Name == name))
        {
            throw new ArgumentException($"A sidecar named '{name}' is already added.", nameof(name));
        }

        return new(_settings with { Sidecars = [.. _settings.Sidecars, new AtotiAuthSidecarSpec(name, cubeAlias, cubePort, configure)] });
    }

    /// <summary>Creates the system's containers (not started).</summary>
    public AtotiAuthSystem Build() => new(_settings);
}
