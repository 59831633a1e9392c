using System.Collections.Concurrent;
using AtotiAuth.Deploy.Tests.Checks;
using AtotiAuth.Deploy.Tests.Configuration;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests;

/// <summary>
/// Every environment variable the manifests give a service names a setting that service binds (an
/// invented or misplaced key would be ignored silently), with a value of the right type; and each
/// service, given exactly its container's environment and volumes, passes its own start checks,
/// including the refusals of insecure settings outside development.
/// </summary>
public sealed class ConfigurationTests
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<BoundOptions>> Bound = new();

    public static TheoryData<string> Overlays => [.. Workspace.Overlays];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_EveryVariable_NamesASettingItsServiceReads(string overlay)
    {
        var (problems, checkedCount) = KeyProblems(Rendered.Objects(overlay));

        Assert.Empty(problems);
        Assert.True(checkedCount >= 20, $"only {checkedCount} variables checked");
    }

    [Theory]
    [InlineData("token-config", "AtotiAuth__Token__Issuerr", "https://auth.example.com", "Deployment/token container token: AtotiAuth__Token__Issuerr: TokenOptions has no setting 'Issuerr' (TokenOptions, section AtotiAuth:Token).")]
    [InlineData("token-config", "AtotiAuth__Ping__CubeId", "risk", "Deployment/token container token: AtotiAuth__Ping__CubeId: no options section the service binds starts so")]
    [InlineData("token-config", "AtotiAuth_Token__Lifetime", "00:10:00", "Deployment/token container token: AtotiAuth_Token__Lifetime: no options section the service binds starts so")]
    [InlineData("identity-config", "AtotiAuth__Identity__Cookie__Secure", "yes", "Deployment/identity container identity: AtotiAuth__Identity__Cookie__Secure='yes' is not a Boolean (SessionCookieOptions).")]
    [InlineData("identity-config", "AtotiAuth__Identity__AllowedRedirectOrigins__first", "https://ui.example.com", "'first' is not a list index")]
    [InlineData("identity-config", "AtotiAuth__Identity__Ldap", "ldaps://ldap.example.com", "AtotiAuth__Identity__Ldap: it names the section AtotiAuth:Identity:Ldap (LdapOptions), not a value.")]
    [InlineData("identity-config", "AtotiAuth__Identity__Ldap__Url__0", "ldaps://ldap.example.com", "'0' follows a value")]
    [InlineData("identity-config", "AtotiAuth__Identity__Oidc__Providers__corporate", "x", "it names a section of OidcProviderOptions, not a value")]
    [InlineData("cube-risk-ping", "AtotiAuth__Ping__CookieSameSite", "Relaxed", "AtotiAuth__Ping__CookieSameSite='Relaxed' is not a SameSiteMode")]
    [InlineData("cube-risk-ping", "AtotiAuth__Ping__ProxyActivityTimeout", "10 minutes", "is not a TimeSpan")]
    [InlineData("cube-risk-cube", "AtotiAuth__Ping__CubeId", "risk", "Deployment/cube-risk container cube: AtotiAuth__Ping__CubeId: no options section the service binds starts so (it binds Cube:Identity).")]
    public void Variable_UnknownMisplacedOrMistyped_IsReported(string configMap, string key, string value, string expected)
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("ConfigMap", configMap)["data"]![key] = value;

        var problem = Assert.Single(KeyProblems(manifests).Problems);

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("identity", "AtotiAuth__Identity__Ldap__RoleMapping__ROLE_ATOTI_USER__0", "ROLE_USER")]
    [InlineData("identity", "AtotiAuth__Identity__Oidc__Providers__google__Scopes__1", "email")]
    [InlineData("identity", "atotiauth__identity__loginmode", "basic")]
    [InlineData("ping", "AtotiAuth__RevocationCache__FeedLossGrace", "00:00:05")]
    [InlineData("token", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")]
    [InlineData("sample-cube", "Cube__Identity__UserHeader", "X-User")]
    public void Variable_OfAnotherShape_IsRead(string image, string key, string value) =>
        Assert.Null(OptionKeys.Problem(key, value, BoundOf(image)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_EveryServiceContainer_PassesItsStartChecks(string overlay)
    {
        var manifests = Rendered.Objects(overlay);
        var started = new List<string>();
        foreach (var (workload, container) in OurContainers(manifests))
        {
            using var settings = new ContainerSettings(manifests, workload, container);
            Assert.Null(await ServiceHosts.StartFailure(settings.Image, settings.Settings));
            started.Add(settings.Image);
        }

        Assert.Equal(["identity", "ping", "sample-cube", "token"], started.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("cube-risk-ping", "AtotiAuth__Jwt__Authority", "http://token.atotiauth.svc:8080", "cube-risk", "ping", "AtotiAuth:Jwt:AllowHttpAuthority=true in development only")]
    [InlineData("identity-config", "AtotiAuth__Identity__Ldap__Url", "ldap://ldap.example.com:389", "identity", "identity", "would send passwords in clear")]
    [InlineData("identity-config", "AtotiAuth__Identity__Oidc__Providers__corporate__IssuerUrl", "http://login.example.com/realms/atoti", "identity", "identity", "is plain HTTP")]
    [InlineData("identity-config", "AtotiAuth__Identity__Cookie__Secure", "false", "identity", "identity", "A '__Host-' cookie name (AtotiAuth:Session:CookieName) requires AtotiAuth:Identity:Cookie:Secure")]
    [InlineData("token-config", "AtotiAuth__Token__Signing__KeyDirectory", "/secrets/keys", "token", "token", "'/secrets/keys' does not exist")]
    [InlineData("token-config", "AtotiAuth__Token__Issuer", "auth.example.com", "token", "token", "AtotiAuth:Token:Issuer")]
    public async Task Production_WithASettingItsServiceRefuses_FailsTheStartChecks(string configMap, string key, string value, string workload, string container, string expected)
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("ConfigMap", configMap)["data"]![key] = value;
        using var settings = new ContainerSettings(manifests, manifests.Workload(workload), manifests.Workload(workload).Container(container));

        var failure = await ServiceHosts.StartFailure(settings.Image, settings.Settings);

        Assert.NotNull(failure);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithoutTheStoreSecret_FailsTheStartChecks()
    {
        var manifests = Rendered.Objects("production");
        manifests.All.Remove(manifests.Get("Secret", "atotiauth-store"));
        using var settings = new ContainerSettings(manifests, manifests.Workload("token"), manifests.Workload("token").Container("token"));

        var failure = await ServiceHosts.StartFailure(settings.Image, settings.Settings);

        Assert.Contains("AtotiAuth:Store:Redis (environment variable AtotiAuth__Store__Redis) is required", failure, StringComparison.Ordinal);
    }

    private static (List<string> Problems, int Checked) KeyProblems(Manifests manifests)
    {
        var problems = new List<string>();
        var count = 0;
        foreach (var (workload, container) in OurContainers(manifests))
        {
            var image = ImageContract.OurName(ImageReference.Parse((string)container["image"]!))!;
            foreach (var (key, value) in ContainerEnvironment.Of(manifests, workload, container))
            {
                count++;
                if (OptionKeys.Problem(key, value, BoundOf(image)) is { } problem)
                {
                    problems.Add($"{workload.Id} container {(string?)container["name"]}: {problem}");
                }
            }
        }

        return (problems, count);
    }

    private static IEnumerable<(Workload, System.Text.Json.Nodes.JsonObject)> OurContainers(Manifests manifests) =>
        manifests.Workloads.SelectMany(w => w.Containers.Select(c => (w, c)))
            .Where(p => ImageContract.OurName(ImageReference.Parse((string?)p.c["image"] ?? string.Empty)) is not null);

    private static IReadOnlyList<BoundOptions> BoundOf(string image)
    {
        Assert.Contains(image, ServiceHosts.Images);
        return Bound.GetOrAdd(image, ServiceHosts.Bound);
    }
}
