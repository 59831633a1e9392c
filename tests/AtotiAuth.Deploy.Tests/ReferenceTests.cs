using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Checks;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests;

/// <summary>
/// Everything a rendered object names exists in the same render: ConfigMaps and Secrets with their keys,
/// ports, Services, selected pods, images the scripts build. Each broken reference is reported.
/// </summary>
public sealed class ReferenceTests
{
    public static TheoryData<string> Overlays => [.. Workspace.Overlays];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_EveryReference_Resolves(string overlay) =>
        Assert.Empty(ReferenceChecks.Find(Rendered.Objects(overlay)));

    [Fact]
    public void KustomizeOverlay_ReadingAMissingSecretKey_IsReported()
    {
        DeployTools.EnsureAvailable();
        var rendered = ManifestValidator.Validate(Workspace.RenderFolder(Path.Combine("tests", "AtotiAuth.Deploy.Tests", "BadOverlays", "missing-secret-key")));

        var finding = Assert.Single(ReferenceChecks.Find(new Manifests([.. rendered.Objects])));

        Assert.Matches(@"^Deployment/identity container identity env AtotiAuth__Identity__Ldap__ManagerPassword: Secret 'identity-directories-\w{10}' has no key 'ldap-password'\.$", finding);
    }

    [Fact]
    public void Secret_KeyRemoved_IsReportedForTheEnvironmentThatReadsIt()
    {
        var manifests = Rendered.Objects("production");
        var identity = manifests.Workload("identity").Container("identity");
        identity["env"] = new JsonArray(new JsonObject
        {
            ["name"] = "AtotiAuth__Identity__Oidc__Providers__corporate__ClientSecret",
            ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = Manifests.Name(manifests.Get("Secret", "identity-directories")), ["key"] = "client-secret" } },
        });

        Assert.Contains(ReferenceChecks.Find(manifests), f => f.EndsWith("has no key 'client-secret'.", StringComparison.Ordinal));
    }

    [Fact]
    public void SigningKeySecret_Missing_IsReportedForTheVolume()
    {
        var manifests = Rendered.Objects("production");
        manifests.All.Remove(manifests.Get("Secret", "atotiauth-signing-keys"));

        Assert.Contains("Deployment/token volume signing-keys: Secret 'atotiauth-signing-keys' is not in the render (namespace atotiauth).", ReferenceChecks.Find(manifests));
    }

    [Fact]
    public void Secret_InAnotherNamespace_IsNotFound()
    {
        var manifests = Rendered.Objects("dev");
        var store = manifests.Get("Secret", "atotiauth-store");
        store["metadata"]!.AsObject().Remove("namespace");

        Assert.Contains(ReferenceChecks.Find(manifests), f => f.StartsWith("Deployment/token container token envFrom: Secret 'atotiauth-store-", StringComparison.Ordinal) && f.EndsWith("is not in the render (namespace atotiauth).", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigMap_MisnamedInEnvFrom_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("token").Container("token")["envFrom"]![1]!["configMapRef"]!["name"] = "token-configuration";

        Assert.Contains("Deployment/token container token envFrom: ConfigMap 'token-configuration' is not in the render (namespace atotiauth).", ReferenceChecks.Find(manifests));
    }

    [Theory]
    [InlineData("readinessProbe", 9999, "Deployment/identity container identity: readinessProbe asks port 9999, which the container does not expose.")]
    [InlineData("livenessProbe", "admin", "Deployment/identity container identity: livenessProbe asks port \"admin\", which the container does not expose.")]
    public void Probe_OnAPortNotExposed_IsReported(string probe, object port, string expected)
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("identity").Container("identity")[probe]!["httpGet"]!["port"] = port is int number ? JsonValue.Create(number) : JsonValue.Create((string)port);

        Assert.Contains(expected, ReferenceChecks.Find(manifests));
    }

    [Fact]
    public void CubeProbe_OnAPortTheCubeDoesNotListenOn_IsReported()
    {
        var manifests = Rendered.Objects("production");
        var command = manifests.Workload("cube-risk").Container("cube")["readinessProbe"]!["exec"]!["command"]!.AsArray();
        command[2] = ((string)command[2]!).Replace("/9090", "/9091", StringComparison.Ordinal);

        Assert.Contains(ReferenceChecks.Find(manifests), f => f.StartsWith("Deployment/cube-risk container cube: readinessProbe connects to port 9091, where the container does not listen", StringComparison.Ordinal));
    }

    [Fact]
    public void ContainerPort_WhereTheImageDoesNotListen_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("token").Container("token")["ports"]![0]!["containerPort"] = 8081;

        var findings = ReferenceChecks.Find(manifests);

        Assert.Contains(findings, f => f.StartsWith("Deployment/token container token: containerPort 8081 is not where the image listens", StringComparison.Ordinal));
        Assert.Contains("Deployment/token container token: listens on port 8080 for the pod network but declares no containerPort for it.", findings);
    }

    [Fact]
    public void Service_TargetPortNotExposed_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("Service", "token")["spec"]!["ports"]![0]!["targetPort"] = "web";

        Assert.Contains("Service/token: targetPort \"web\" is not a containerPort of Deployment/token.", ReferenceChecks.Find(manifests));
    }

    [Theory]
    [InlineData("Service", "identity", "Service/identity: its selector matches no pod template.")]
    [InlineData("PodDisruptionBudget", "token", "PodDisruptionBudget/token: its selector matches no pod template.")]
    [InlineData("NetworkPolicy", "cube-risk", "NetworkPolicy/cube-risk: its podSelector matches no pod template.")]
    public void Selector_MatchingNoPod_IsReported(string kind, string name, string expected)
    {
        var manifests = Rendered.Objects("production");
        var spec = manifests.Get(kind, name)["spec"]!;
        var selector = kind == "Service" ? spec["selector"]! : spec[kind == "NetworkPolicy" ? "podSelector" : "selector"]!["matchLabels"]!;
        selector["app.kubernetes.io/name"] = "nobody";

        Assert.Contains(expected, ReferenceChecks.Find(manifests));
    }

    [Fact]
    public void NetworkPolicyPeer_RemovedFromTheRender_IsReported()
    {
        var manifests = Rendered.Objects("dev");
        manifests.All.Remove(manifests.Get("Deployment", "redis"));

        Assert.Contains("NetworkPolicy/redis-clients: the peer {\"matchLabels\":{\"app.kubernetes.io/name\":\"redis\"}} matches no pod template.", ReferenceChecks.Find(manifests));
    }

    [Fact]
    public void Autoscaler_OfAMissingDeployment_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("HorizontalPodAutoscaler", "token")["spec"]!["scaleTargetRef"]!["name"] = "tokens";

        Assert.Contains("HorizontalPodAutoscaler/token: scales Deployment 'tokens', which is not in the render.", ReferenceChecks.Find(manifests));
    }

    [Theory]
    [InlineData("tokens", "http", "Ingress/jwt-server: backend Service 'tokens' is not in the render.")]
    [InlineData("token", "https", "Ingress/jwt-server: backend Service 'token' has no port {\"name\":\"https\"}.")]
    public void IngressBackend_Unknown_IsReported(string service, string port, string expected)
    {
        var manifests = Rendered.Objects("production");
        var backend = manifests.Get("Ingress", "jwt-server")["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!;
        backend["name"] = service;
        backend["port"] = new JsonObject { ["name"] = port };

        Assert.Contains(expected, ReferenceChecks.Find(manifests));
    }

    [Theory]
    [InlineData("atotiauth/identiti:dev", "the scripts build no image atotiauth/identiti")]
    [InlineData("registry.example.com/atotiauth/gateway:1.0", "the scripts build no image atotiauth/gateway")]
    [InlineData("atotiauth/identity", "not pinned")]
    [InlineData("atotiauth/identity:latest", "not pinned")]
    public void Image_NotBuiltByTheScriptsOrNotPinned_IsReported(string image, string expected)
    {
        var manifests = Rendered.Objects("dev");
        manifests.Workload("identity").Container("identity")["image"] = image;

        Assert.Contains(ReferenceChecks.Find(manifests), f => f.StartsWith($"Deployment/identity container identity image '{image}': {expected}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("redis:latest")]
    [InlineData("redis")]
    public void ThirdPartyImage_NotPinned_IsReported(string image)
    {
        var manifests = Rendered.Objects("dev");
        manifests.Workload("redis").Container("redis")["image"] = image;

        Assert.Contains($"Deployment/redis container redis image '{image}': not pinned (give a tag other than latest, or a digest).", ReferenceChecks.Find(manifests));
    }
}
