using System.Text;
using System.Text.Json;
using AtotiAuth.Testing;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The container definitions of the end-to-end system, each configured with the real
/// <c>AtotiAuth__…</c> settings a deployment gives it (docs/identity.md, docs/ldap.md, docs/oidc.md,
/// docs/keys.md, services/ping/README.md).
/// </summary>
internal sealed class SystemContainers
{
    private const string CaFile = "/certs/ca.crt";
    private const string LdapCaFile = "/certs/ldap-ca.crt";
    private const string RedisAddress = Topology.Redis + ":6379";

    public const string AdminUser = "e2e-admin";

    private static readonly string[] UiFileNames = ["index.html", "app.js", "app.css"];

    private readonly string _runId;
    private readonly SystemNetwork _network;
    private readonly RunFiles _files;

    public SystemContainers(string runId, SystemNetwork network, TestCertificateAuthority authority, RunFiles files)
    {
        _runId = runId;
        _network = network;
        _files = files;
        files.Write("certs/ca.crt", Encoding.ASCII.GetBytes(authority.RootPem));
        files.Write("gateway-tls/tls.crt", Encoding.ASCII.GetBytes(authority.ServerChainPem));
        files.Write("gateway-tls/tls.key", Encoding.ASCII.GetBytes(authority.ServerKeyPem));
        foreach (var name in UiFileNames)
        {
            files.Write("ui-remote/" + name, UiFiles.Read(name));
            files.Write("ui-embedded/" + name, UiFiles.Read(name));
        }

        files.Write("ui-remote/env.js", UiFiles.Read("env.js"));
        files.Write("ui-embedded/env.js", UiFiles.Read("embedded/env.js"));
    }

    /// <summary>The provider's one client: a web application whose redirect URI is the identity service's public one.</summary>
    private static readonly string OidcClients = JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, object>
        {
            ["client_id"] = Topology.OidcClientId,
            ["client_secret"] = Topology.OidcClientSecret,
            ["application_type"] = "web",
            ["redirect_uris"] = new[] { $"{Topology.AuthOrigin}/login/oauth2/code/{Topology.OidcProviderId}" },
            ["post_logout_redirect_uris"] = new[] { $"{Topology.AuthOrigin}/login" },
            ["grant_types"] = new[] { "authorization_code", "refresh_token" },
            ["response_types"] = new[] { "code" },
            ["token_endpoint_auth_method"] = "client_secret_basic",
        },
    });

    /// <summary>The seeded administrator's password, new every run.</summary>
    public string AdminPassword { get; } = "admin-" + Guid.NewGuid().ToString("N");

    public IContainer Redis() => Common(new ContainerBuilder(TestImages.Redis), Topology.Redis)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Ready to accept connections"))
        .Build();

    /// <summary>OpenLDAP with StartTLS; its generated certificate names the alias, its CA is copied to identity.</summary>
    public IContainer Ldap() => Common(new ContainerBuilder(TestImages.OpenLdap), Topology.Ldap)
        .WithEnvironment("LDAP_TLS_EXTRA_SAN", "DNS:" + Topology.Ldap)
        .WithEnvironment("LDAP_LOG_LEVEL", "0")
        .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("slapd ready"))
        .Build();

    /// <summary>The OpenID provider, reached by browser and identity alike at <c>https://idp.…</c> through the gateway.</summary>
    public IContainer Oidc() => Common(new ContainerBuilder(TestImages.OidcProvider), Topology.Oidc)
        .WithEnvironment("ISSUER", Topology.IdpOrigin)
        .WithEnvironment("OIDC_CLIENTS", OidcClients)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("oidc-provider listening"))
        .Build();

    public IContainer Identity(string alias) => Service(ServiceImages.Identity, alias)
        .WithEnvironment(Settings(
            ("AtotiAuth:Store:Redis", RedisAddress),
            ("AtotiAuth:Identity:AllowedRedirectOrigins:0", Topology.UiOrigin),
            ("AtotiAuth:Identity:Users:0:Name", AdminUser),
            ("AtotiAuth:Identity:Users:0:Password", AdminPassword),
            ("AtotiAuth:Identity:Users:0:Roles:0", "ROLE_ADMIN"),
            ("AtotiAuth:Identity:EmbeddedUi:RootPath", "/srv/ui"),
            ("AtotiAuth:Identity:Ldap:Url", $"ldap://{Topology.Ldap}:389"),
            ("AtotiAuth:Identity:Ldap:StartTls", "true"),
            ("AtotiAuth:Identity:Ldap:CaCertificateFile", LdapCaFile),
            ("AtotiAuth:Identity:Ldap:BaseDn", OpenLdapFixture.BaseDn),
            ("AtotiAuth:Identity:Ldap:ManagerDn", OpenLdapFixture.ServiceDn),
            ("AtotiAuth:Identity:Ldap:ManagerPassword", OpenLdapFixture.ServicePassword),
            ("AtotiAuth:Identity:Ldap:UserSearchBase", "ou=people"),
            ("AtotiAuth:Identity:Ldap:GroupSearchBase", "ou=groups"),
            ("AtotiAuth:Identity:Ldap:RoleMapping:ROLE_ATOTI_USER:0", "ROLE_USER"),
            ("AtotiAuth:Identity:Oidc:PublicBaseUrl", Topology.AuthOrigin),
            ("AtotiAuth:Identity:Oidc:KnownProxies:0", _network.GatewayAddress),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:IssuerUrl", Topology.IdpOrigin),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:ClientId", Topology.OidcClientId),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:ClientSecret", Topology.OidcClientSecret),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:Scopes:0", "openid"),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:Scopes:1", "email"),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:Scopes:2", "profile"),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:Scopes:3", "roles"),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:NameClaim", "email"),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:RolesClaims:0", "https://example.com/roles"),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:RoleMapping:ROLE_ATOTI_USER:0", "ROLE_USER"),
            ($"AtotiAuth:Identity:Oidc:Providers:{Topology.OidcProviderId}:DisplayName", "Test provider")))
        .WithBindMount(_files.Folder("ui-embedded"), "/srv/ui", AccessMode.ReadOnly)
        .Build();

    /// <summary>Makes the directory's CA (copied out of the LDAP container) readable by the identity replicas.</summary>
    public void TrustLdapCa(string caPem) => _files.Write("certs/ldap-ca.crt", Encoding.ASCII.GetBytes(caPem));

    /// <summary>Writes the token service's signing key where its key directory is mounted from.</summary>
    public void WriteSigningKey(string pem) => _files.Write("keys/e2e.pem", Encoding.ASCII.GetBytes(pem));

    public IContainer Token(string alias) => Service(ServiceImages.Token, alias)
        .WithEnvironment(Settings(
            ("AtotiAuth:Store:Redis", RedisAddress),
            ("AtotiAuth:Token:Issuer", Topology.AuthOrigin),
            ("AtotiAuth:Token:Signing:KeyDirectory", "/keys"),
            ("AtotiAuth:Cors:AllowedOrigins:0", Topology.UiOrigin)))
        .WithBindMount(_files.Folder("keys"), "/keys", AccessMode.ReadOnly)
        .Build();

    public IContainer Cube(string alias) => Service(ServiceImages.SampleCube, alias).Build();

    /// <summary>A cube's sidecar: it verifies tokens with the JWKS it reads from the JWT server's public URL.</summary>
    public IContainer Sidecar(string alias, string cube) => Service(ServiceImages.Ping, alias)
        .WithEnvironment(Settings(
            ("AtotiAuth:Store:Redis", RedisAddress),
            ("AtotiAuth:Ping:CubeUrl", $"http://{cube}:8080"),
            ("AtotiAuth:Ping:CubeId", cube),
            ("AtotiAuth:Ping:CookieName", Topology.CubeCookie(cube)),
            ("AtotiAuth:Jwt:Authority", Topology.AuthOrigin),
            ("AtotiAuth:Cors:AllowedOrigins:0", Topology.UiOrigin),
            ("AtotiAuth:Cors:AllowedOrigins:1", Topology.AuthOrigin)))
        .Build();

    /// <summary>The nginx gateway at its fixed address, TLS with this run's certificate, the remote UI on its own host.</summary>
    public IContainer Gateway() => Common(new ContainerBuilder(TestImages.Gateway), Topology.Gateway)
        .WithNetworkAliases(Topology.GatewayHosts)
        .WithCreateParameterModifier(parameters =>
            parameters.NetworkingConfig!.EndpointsConfig![_network.Name].IPAMConfig = new Docker.DotNet.Models.EndpointIPAMConfig { IPv4Address = _network.GatewayAddress })
        .WithEnvironment("GATEWAY_DOMAIN", Topology.Domain)
        .WithBindMount(_files.Folder("gateway-tls"), "/certs", AccessMode.ReadOnly)
        .WithBindMount(_files.Folder("ui-remote"), "/srv/ui", AccessMode.ReadOnly)
        .WithPortBinding(443, assignRandomHostPort: true)
        .WithPortBinding(8080, assignRandomHostPort: true)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(8080).ForPath("/healthz")))
        .Build();

    /// <summary>An AtotiAuth image as the contract runs it: port 8080, read-only root, a tmpfs /tmp, ready on /readyz.</summary>
    private ContainerBuilder Service(string image, string alias) => Common(new ContainerBuilder(image), alias)
        .WithEnvironment("SSL_CERT_FILE", CaFile)
        .WithBindMount(_files.Folder("certs"), "/certs", AccessMode.ReadOnly)
        .WithTmpfsMount("/tmp")
        .WithCreateParameterModifier(static parameters => parameters.HostConfig!.ReadonlyRootfs = true)
        .WithPortBinding(8080, assignRandomHostPort: true)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(8080).ForPath("/readyz")));

    private ContainerBuilder Common(ContainerBuilder builder, string alias)
        => builder
            .WithName($"atotiauth-e2e-{_runId}-{alias}")
            .WithLabel(EndToEndLabels.Run, _runId)
            .WithNetwork(_network.Network)
            .WithNetworkAliases(alias);

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] settings)
        => settings.ToDictionary(static s => s.Key.Replace(":", "__", StringComparison.Ordinal), static s => s.Value, StringComparer.Ordinal);
}
