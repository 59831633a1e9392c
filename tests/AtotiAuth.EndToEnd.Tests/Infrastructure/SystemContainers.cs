using System.Text;
using System.Text.Json;
using AtotiAuth.Testcontainers;
using AtotiAuth.Testing;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The containers around AtotiAuth in the end-to-end system: the directory, the OpenID provider, the
/// cubes and the gateway (the AtotiAuth services themselves come from the Testcontainers module,
/// <see cref="SystemServices"/>). Also writes the files they all mount.
/// </summary>
internal sealed class SystemContainers
{
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
        var (ldapCertificate, ldapKey) = authority.IssuePem(Topology.Ldap);
        files.Write("ldap-tls/ca.crt", Encoding.ASCII.GetBytes(authority.RootPem));
        files.Write("ldap-tls/server.crt", Encoding.ASCII.GetBytes(ldapCertificate));
        files.Write("ldap-tls/server.key", Encoding.ASCII.GetBytes(ldapKey));
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

    /// <summary>OpenLDAP (LDAPS), its certificate (for its alias) issued by the run's CA.</summary>
    public IContainer Ldap() => Common(new ContainerBuilder(TestImages.OpenLdap), Topology.Ldap)
        .WithBindMount(_files.Folder("ldap-tls"), "/certs", AccessMode.ReadOnly)
        .WithEnvironment("LDAP_LOG_LEVEL", "0")
        .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("slapd ready"))
        .Build();

    /// <summary>The OpenID provider, reached by browser and identity alike at <c>https://idp.…</c> through the gateway.</summary>
    public IContainer Oidc() => Common(new ContainerBuilder(TestImages.OidcProvider), Topology.Oidc)
        .WithEnvironment("ISSUER", Topology.IdpOrigin)
        .WithEnvironment("OIDC_CLIENTS", OidcClients)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("oidc-provider listening"))
        .Build();

    /// <summary>The realm's KDC: the directory's users with the password <c>NAME-pass</c>, the identity replicas' service principal.</summary>
    public AtotiAuthKdcContainer Kdc() => new AtotiAuthKdcBuilder()
        .WithName($"atotiauth-e2e-{_runId}-{Topology.Kdc}")
        .WithLabel(EndToEndLabels.Run, _runId)
        .WithNetwork(_network.Network)
        .WithNetworkAliases(Topology.Kdc)
        .WithRealm(Topology.KerberosRealm)
        .WithServicePrincipal(Topology.ServicePrincipal)
        .Build();

    /// <summary>Writes the token service's signing key where its key directory is mounted from.</summary>
    public void WriteSigningKey(string pem) => _files.Write("keys/e2e.pem", Encoding.ASCII.GetBytes(pem));

    /// <summary>
    /// A sample cube; only its sidecar calls it. The Atoti one is the stand-in for an Atoti server: it
    /// knows the JWT server's public key as Atoti's <c>activeviam.jwt.key.public</c> does, and nothing else.
    /// </summary>
    public IContainer Cube(string alias, string jwtPublicKey) => Common(new ContainerBuilder(AtotiAuthImages.SampleCube), alias)
        .WithEnvironment(Topology.IsAtoti(alias)
            ? new Dictionary<string, string>
            {
                ["Cube__Mode"] = "Atoti",
                ["Cube__Atoti__JwtPublicKey"] = jwtPublicKey,
                ["Cube__Atoti__SessionCookieName"] = Topology.AtotiServerCookie,
            }
            : new Dictionary<string, string>())
        .WithTmpfsMount("/tmp")
        .WithCreateParameterModifier(static parameters => (parameters.HostConfig ??= new()).ReadonlyRootfs = true)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(static request => request.ForPort(AtotiAuthImages.HttpPort).ForPath("/readyz")))
        .WithPortBinding(AtotiAuthImages.HttpPort, assignRandomHostPort: true)
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

    private ContainerBuilder Common(ContainerBuilder builder, string alias)
        => builder
            .WithName($"atotiauth-e2e-{_runId}-{alias}")
            .WithLabel(EndToEndLabels.Run, _runId)
            .WithNetwork(_network.Network)
            .WithNetworkAliases(alias);

}
