using AtotiAuth.Testcontainers;
using AtotiAuth.Testing;
using DotNet.Testcontainers.Configurations;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The AtotiAuth services of the end-to-end system, built with our own Testcontainers module (so the
/// module stays true): Redis, two identity replicas, the token service and a sidecar per cube through
/// <see cref="AtotiAuthSystemBuilder"/>, a second token replica through <see cref="AtotiAuthTokenBuilder"/>.
/// Each gets the settings a production deployment gives it (docs/identity.md, docs/ldap.md,
/// docs/oidc.md, docs/keys.md, services/ping/README.md) and the production overlay of deploy/k8s:
/// behind the TLS gateway, Secure cookies (the session's with the <c>__Host-</c> prefix), the directory
/// over LDAPS, the JWT server's public URL as issuer and as every sidecar's authority, Kerberos single
/// sign-on with the users' groups from the directory (docs/kerberos.md), Redis with one ACL user per
/// service (deploy/k8s/base/redis/atotiauth.acl) over TLS with the run's CA (docs/redis.md).
/// </summary>
internal sealed class SystemServices(string runId, SystemNetwork network, RunFiles files, byte[] keytab, TestCertificateAuthority authority)
{
    public const string AdminUser = "e2e-admin";

    private const string CaFile = "/certs/ca.crt";
    private const string Oidc = "AtotiAuth:Identity:Oidc:Providers:" + Topology.OidcProviderId;

    /// <summary>The seeded administrator's password, new every run.</summary>
    public string AdminPassword { get; } = "admin-" + Guid.NewGuid().ToString("N");

    public AtotiAuthSystem Build() => new AtotiAuthSystemBuilder()
        .WithNetwork(network.Network)
        .WithImages(redis: TestImages.Redis)
        .WithRedisTls(RedisTls())
        .WithAliases(redis: Topology.Redis, token: Topology.TokenReplicas[0], identity: "identity")
        .WithIdentityReplicas(Topology.IdentityReplicas.Length)
        .WithIssuer(Topology.AuthOrigin)
        .WithSigningKeyDirectory(files.Folder("keys"))
        .WithUser(AdminUser, AdminPassword, "ROLE_ADMIN")
        .WithIdentity(Identity)
        .WithToken(Token)
        .WithSidecar(Topology.Cubes[0].Sidecar, Topology.Cubes[0].Cube, AtotiAuthImages.HttpPort, ping => Sidecar(ping, Topology.Cubes[0].Cube))
        .WithSidecar(Topology.Cubes[1].Sidecar, Topology.Cubes[1].Cube, AtotiAuthImages.HttpPort, ping => Sidecar(ping, Topology.Cubes[1].Cube))
        .Build();

    /// <summary>The second token replica, on the same Redis (and Redis user) and keys as the first.</summary>
    public AtotiAuthTokenContainer SecondToken(AtotiAuthSystem system) => Token(system.CreateTokenBuilder()
            .WithNetworkAliases(Topology.TokenReplicas[1])
            .WithSigningKeyDirectory(files.Folder("keys")))
        .Build();

    private AtotiAuthRedisTls RedisTls()
    {
        var (certificate, key) = authority.IssuePem(Topology.Redis);
        return new AtotiAuthRedisTls(authority.RootPem, certificate, key);
    }

    private AtotiAuthIdentityBuilder Identity(AtotiAuthIdentityBuilder identity) => identity
        .WithLabel(EndToEndLabels.Run, runId)
        .WithEnvironment(Settings(
            ("AtotiAuth:Session:CookieName", Topology.SessionCookie),
            ("AtotiAuth:Identity:Cookie:Secure", "true"),
            ("AtotiAuth:Identity:AllowedRedirectOrigins:0", Topology.UiOrigin),
            ("AtotiAuth:Identity:EmbeddedUi:RootPath", "/srv/ui"),
            ("AtotiAuth:Identity:DefaultLandingPath", Topology.DefaultLandingPath),
            ("AtotiAuth:Identity:Ldap:Url", $"ldaps://{Topology.Ldap}:636"),
            ("AtotiAuth:Identity:Ldap:CaCertificateFile", CaFile),
            ("AtotiAuth:Identity:Ldap:BaseDn", OpenLdapFixture.BaseDn),
            ("AtotiAuth:Identity:Ldap:ManagerDn", OpenLdapFixture.ServiceDn),
            ("AtotiAuth:Identity:Ldap:ManagerPassword", OpenLdapFixture.ServicePassword),
            ("AtotiAuth:Identity:Ldap:UserSearchBase", "ou=people"),
            ("AtotiAuth:Identity:Ldap:GroupSearchBase", "ou=groups"),
            ("AtotiAuth:Identity:Ldap:RoleMapping:ROLE_ATOTI_USER:0", "ROLE_USER"),
            ("AtotiAuth:Identity:Ldap:RoleMapping:ROLE_ATOTI_ADMIN:0", "ROLE_ADMIN"),
            ("AtotiAuth:Identity:Oidc:PublicBaseUrl", Topology.AuthOrigin),
            // Forwarded headers are trusted from the gateway's address only (docs/oidc.md).
            ("AtotiAuth:Identity:Oidc:KnownProxies:0", network.GatewayAddress),
            ($"{Oidc}:IssuerUrl", Topology.IdpOrigin),
            ($"{Oidc}:ClientId", Topology.OidcClientId),
            ($"{Oidc}:ClientSecret", Topology.OidcClientSecret),
            ($"{Oidc}:Scopes:0", "openid"),
            ($"{Oidc}:Scopes:1", "email"),
            ($"{Oidc}:Scopes:2", "profile"),
            ($"{Oidc}:Scopes:3", "roles"),
            ($"{Oidc}:NameClaim", "email"),
            ($"{Oidc}:RolesClaims:0", "https://example.com/roles"),
            ($"{Oidc}:RoleMapping:ROLE_ATOTI_USER:0", "ROLE_USER"),
            ($"{Oidc}:DisplayName", "Test provider"),
            ("AtotiAuth:Identity:Kerberos:LdapGroups", "true"),
            ("AtotiAuth:Identity:Kerberos:RoleMapping:ROLE_ATOTI_USER:0", "ROLE_USER"),
            ("AtotiAuth:Identity:Kerberos:RoleMapping:ROLE_ATOTI_USER:1", "ROLE_KERBEROS")))
        .WithKerberos(Topology.ServicePrincipal, keytab)
        // The provider (through the gateway) and the directory are called over TLS, with the run's CA.
        .WithEnvironment("SSL_CERT_FILE", CaFile)
        .WithBindMount(files.Folder("certs"), "/certs", AccessMode.ReadOnly)
        .WithBindMount(files.Folder("ui-embedded"), "/srv/ui", AccessMode.ReadOnly);

    private AtotiAuthTokenBuilder Token(AtotiAuthTokenBuilder token) => token
        .WithLabel(EndToEndLabels.Run, runId)
        .WithEnvironment("AtotiAuth__Token__Lifetime", Topology.TokenLifetime)
        .WithEnvironment("AtotiAuth__Session__CookieName", Topology.SessionCookie)
        .WithEnvironment("AtotiAuth__Cors__AllowedOrigins__0", Topology.UiOrigin);

    /// <summary>A cube's sidecar: it reads the JWKS from the JWT server's public URL, through the gateway, over TLS.</summary>
    private AtotiAuthPingBuilder Sidecar(AtotiAuthPingBuilder ping, string cube) => ping
        .WithLabel(EndToEndLabels.Run, runId)
        .WithCubeId(cube)
        .WithCookieName(Topology.CubeCookie(cube))
        .WithBackend(Topology.IsAtoti(cube) ? AtotiAuthCubeBackend.Atoti : AtotiAuthCubeBackend.Headers)
        .WithAllowedOrigins(Topology.UiOrigin, Topology.AuthOrigin)
        .WithEnvironment("AtotiAuth__Ping__CookieSecure", "true")
        .WithEnvironment("SSL_CERT_FILE", CaFile)
        .WithBindMount(files.Folder("certs"), "/certs", AccessMode.ReadOnly);

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] settings)
        => settings.ToDictionary(static s => s.Key.Replace(":", "__", StringComparison.Ordinal), static s => s.Value, StringComparer.Ordinal);
}
