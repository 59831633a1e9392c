using System.Text.Json;

namespace AtotiAuth.AppHost;

/// <summary>
/// The split system as deploy/k8s runs it, on this machine: Redis, OpenLDAP with the demo directory
/// and the demo OpenID provider as containers of the project's test images; two identity and two token
/// replicas, two cubes (the Atoti stand-in and a header cube) each behind its sidecar, and the sample
/// gateway (the Ingress's routes and the sample UI) as projects, whose logs, traces and metrics go to
/// the dashboard over OTLP.
/// </summary>
public static class SystemModel
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password";
    public const string DemoUser = "demo";
    public const string DemoPassword = "demo-password";
    public const int Replicas = 2;

    private const string OidcClientId = "atotiauth";
    private const string OidcClientSecret = "atotiauth-secret";
    private static readonly string[] GrantTypes = ["authorization_code", "refresh_token"];
    private static readonly string[] ResponseTypes = ["code"];

    public static IDistributedApplicationBuilder AddAtotiAuthSystem(this IDistributedApplicationBuilder builder, SystemFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);

        // The containers reach no process of this machine (the processes call them, through published
        // ports), so they need no tunnel to the host, which is an image pulled from a registry.
        builder.Configuration["ASPIRE_ENABLE_CONTAINER_TUNNEL"] = "false";

        // The projects know each other by reference; the containers' settings are fixed (SystemPorts).
        var gateway = builder.AddProject<Projects.AtotiAuth_Samples_Gateway>("gateway")
            .WithHttpEndpoint(port: SystemPorts.Gateway, name: "http")
            .WithHttpHealthCheck("/healthz");
        var jwtServer = gateway.GetEndpoint("http");

        var redis = Container(builder, "redis", LocalImages.Redis).WithEndpoint(targetPort: 6379, name: "tcp", scheme: "tcp");
        var ldap = Container(builder, "ldap", LocalImages.OpenLdap)
            .WithEndpoint(targetPort: 389, name: "tcp", scheme: "tcp")
            .WithEnvironment("LDAP_LOG_LEVEL", "0");
        var oidc = Container(builder, "oidc", LocalImages.OidcProvider).WithHttpEndpoint(port: SystemPorts.OpenIdProvider, targetPort: 3000, name: "http");
        var issuerUrl = oidc.GetEndpoint("http");
        oidc.WithEnvironment("ISSUER", SystemPorts.Url(SystemPorts.OpenIdProvider)).WithEnvironment("OIDC_CLIENTS", OidcClients(SystemPorts.Url(SystemPorts.Gateway)));
        var store = ReferenceExpression.Create($"{redis.GetEndpoint("tcp").Property(EndpointProperty.HostAndPort)}");

        var tokens = new List<IResourceBuilder<ProjectResource>>();
        var identities = new List<IResourceBuilder<ProjectResource>>();
        for (var i = 1; i <= Replicas; i++)
        {
            tokens.Add(Service<Projects.AtotiAuth_Token>(builder, $"token-{i}", store, redis)
                .WithEnvironment("AtotiAuth__Token__Issuer", jwtServer)
                .WithEnvironment("AtotiAuth__Token__Signing__KeyDirectory", files.KeyDirectory)
                .WithEnvironment("AtotiAuth__Cors__AllowedOrigins__0", jwtServer));
            identities.Add(Identity(Service<Projects.AtotiAuth_Identity>(builder, $"identity-{i}", store, redis), jwtServer, issuerUrl, ldap, oidc));
        }

        var cube1 = builder.AddProject<Projects.AtotiAuth_Samples_Cube>("cube1")
            .WithHttpEndpoint(name: "http")
            .WithHttpHealthCheck("/readyz")
            .WithEnvironment("Cube__Mode", "Atoti")
            .WithEnvironment("Cube__Atoti__JwtPublicKey", files.PublicKeyBase64)
            .WithEnvironment("Cube__Atoti__SessionCookieName", "ATOTISERVER_JSESSIONID")
            .WithEnvironment("Cube__Atoti__SecureCookie", "false");
        var cube2 = builder.AddProject<Projects.AtotiAuth_Samples_Cube>("cube2").WithHttpEndpoint(name: "http").WithHttpHealthCheck("/readyz");
        var ping1 = Sidecar(builder, "ping-1", SystemPorts.Cube1, cube1, "Atoti", store, redis, jwtServer);
        var ping2 = Sidecar(builder, "ping-2", SystemPorts.Cube2, cube2, "Headers", store, redis, jwtServer);

        gateway
            .WithEnvironment("Gateway__UiRoot", Path.Combine(files.RepositoryRoot, "samples", "remote-ui"))
            .WithEnvironment("Gateway__Cubes__cube1", ping1.GetEndpoint("http"))
            .WithEnvironment("Gateway__Cubes__cube2", ping2.GetEndpoint("http"));
        foreach (var (cluster, replicas) in new[] { ("token", tokens), ("identity", identities) })
        {
            foreach (var replica in replicas)
            {
                gateway.WithEnvironment($"ReverseProxy__Clusters__{cluster}__Destinations__{replica.Resource.Name}__Address", replica.GetEndpoint("http"));
            }

            gateway.WithEnvironment($"ReverseProxy__Clusters__{cluster}__LoadBalancingPolicy", "RoundRobin");
        }

        return builder;
    }

    private static IResourceBuilder<ContainerResource> Container(IDistributedApplicationBuilder builder, string name, string image)
        => builder.AddContainer(name, image, LocalImages.Tag).WithImagePullPolicy(ImagePullPolicy.Never);

    /// <summary>An AtotiAuth service on Redis, with its Prometheus endpoint on a port of its own.</summary>
    private static IResourceBuilder<ProjectResource> Service<T>(IDistributedApplicationBuilder builder, string name, ReferenceExpression store, IResourceBuilder<ContainerResource> redis)
        where T : IProjectMetadata, new()
    {
        var service = builder.AddProject<T>(name)
            .WithHttpEndpoint(name: "http")
            .WithHttpEndpoint(name: "metrics")
            .WithHttpHealthCheck("/readyz")
            .WithEnvironment("AtotiAuth__Store__Redis", store)
            .WaitFor(redis);
        return service.WithEnvironment("AtotiAuth__Metrics__Port", service.GetEndpoint("metrics").Property(EndpointProperty.TargetPort));
    }

    private static IResourceBuilder<ProjectResource> Identity(
        IResourceBuilder<ProjectResource> identity, EndpointReference jwtServer, EndpointReference issuerUrl, IResourceBuilder<ContainerResource> ldap, IResourceBuilder<ContainerResource> oidc)
    {
        var settings = new Dictionary<string, string>
        {
            ["Identity:Cookie:Secure"] = "false",
            ["Identity:DefaultLandingPath"] = "/app/",
            ["Identity:Users:0:Name"] = AdminUser,
            ["Identity:Users:0:Password"] = AdminPassword,
            ["Identity:Users:0:Roles:0"] = "ROLE_ADMIN",
            ["Identity:Users:1:Name"] = DemoUser,
            ["Identity:Users:1:Password"] = DemoPassword,
            ["Identity:Ldap:AllowPlainText"] = "true",
            ["Identity:Ldap:BaseDn"] = "dc=example,dc=com",
            ["Identity:Ldap:ManagerDn"] = "cn=svc,ou=services,dc=example,dc=com",
            ["Identity:Ldap:ManagerPassword"] = "svc-pass",
            ["Identity:Ldap:UserSearchBase"] = "ou=people",
            ["Identity:Ldap:GroupSearchBase"] = "ou=groups",
            ["Identity:Ldap:RoleMapping:ROLE_ATOTI_USER:0"] = "ROLE_USER",
            ["Identity:Ldap:RoleMapping:ROLE_ATOTI_ADMIN:0"] = "ROLE_ADMIN",
            ["Identity:Oidc:AllowInsecureHttp"] = "true",
            ["Identity:Oidc:KnownProxies:0"] = "127.0.0.1",
            ["Identity:Oidc:KnownProxies:1"] = "::1",
            ["Identity:Oidc:Providers:oidc:ClientId"] = OidcClientId,
            ["Identity:Oidc:Providers:oidc:ClientSecret"] = OidcClientSecret,
            ["Identity:Oidc:Providers:oidc:Scopes:0"] = "openid",
            ["Identity:Oidc:Providers:oidc:Scopes:1"] = "email",
            ["Identity:Oidc:Providers:oidc:Scopes:2"] = "profile",
            ["Identity:Oidc:Providers:oidc:Scopes:3"] = "roles",
            ["Identity:Oidc:Providers:oidc:NameClaim"] = "email",
            ["Identity:Oidc:Providers:oidc:RolesClaims:0"] = "https://example.com/roles",
            ["Identity:Oidc:Providers:oidc:RoleMapping:ROLE_ATOTI_USER:0"] = "ROLE_USER",
            ["Identity:Oidc:Providers:oidc:DisplayName"] = "Demo OpenID provider",
        };
        foreach (var (key, value) in settings)
        {
            identity.WithEnvironment("AtotiAuth__" + key.Replace(":", "__", StringComparison.Ordinal), value);
        }

        return identity
            .WithEnvironment("AtotiAuth__Identity__AllowedRedirectOrigins__0", jwtServer)
            .WithEnvironment("AtotiAuth__Identity__Oidc__PublicBaseUrl", jwtServer)
            .WithEnvironment("AtotiAuth__Identity__Oidc__Providers__oidc__IssuerUrl", issuerUrl)
            .WithEnvironment("AtotiAuth__Identity__Ldap__Url", ReferenceExpression.Create($"ldap://{ldap.GetEndpoint("tcp").Property(EndpointProperty.HostAndPort)}"))
            .WaitFor(ldap)
            .WaitFor(oidc);
    }

    private static IResourceBuilder<ProjectResource> Sidecar(
        IDistributedApplicationBuilder builder, string name, int port, IResourceBuilder<ProjectResource> cube, string backend,
        ReferenceExpression store, IResourceBuilder<ContainerResource> redis, EndpointReference jwtServer)
    {
        var cubeId = cube.Resource.Name;
        var sidecar = builder.AddProject<Projects.AtotiAuth_Ping>(name)
            .WithHttpEndpoint(port: port, name: "http")
            .WithHttpEndpoint(name: "metrics")
            .WithHttpHealthCheck("/readyz")
            .WithEnvironment("AtotiAuth__Store__Redis", store)
            .WithEnvironment("AtotiAuth__Ping__CubeUrl", cube.GetEndpoint("http"))
            .WithEnvironment("AtotiAuth__Ping__CubeId", cubeId)
            .WithEnvironment("AtotiAuth__Ping__Backend", backend)
            .WithEnvironment("AtotiAuth__Ping__CookieName", "ATOTI_" + cubeId.ToUpperInvariant())
            .WithEnvironment("AtotiAuth__Ping__CookieSecure", "false")
            .WithEnvironment("AtotiAuth__Jwt__Authority", jwtServer)
            .WithEnvironment("AtotiAuth__Jwt__AllowHttpAuthority", "true")
            .WithEnvironment("AtotiAuth__Cors__AllowedOrigins__0", jwtServer)
            .WaitFor(redis)
            .WaitFor(cube);
        return sidecar.WithEnvironment("AtotiAuth__Metrics__Port", sidecar.GetEndpoint("metrics").Property(EndpointProperty.TargetPort));
    }

    /// <summary>The provider's one client, whose redirect URI is the gateway's callback.</summary>
    private static string OidcClients(string jwtServer)
    {
        var client = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["client_id"] = OidcClientId,
            ["client_secret"] = OidcClientSecret,
            ["application_type"] = "native",
            ["grant_types"] = GrantTypes,
            ["response_types"] = ResponseTypes,
            ["token_endpoint_auth_method"] = "client_secret_basic",
        });
        var head = "[" + client[..^1] + ",\"redirect_uris\":[\"";
        return $"{head}{jwtServer}/login/oauth2/code/oidc\"],\"post_logout_redirect_uris\":[\"{jwtServer}/login\"]}}]";
    }
}
