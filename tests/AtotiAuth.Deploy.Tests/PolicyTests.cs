using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Checks;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests;

/// <summary>
/// Every container of every overlay runs restricted (non-root, read-only root, no privilege escalation,
/// no capabilities, RuntimeDefault seccomp), with requests, limits and probes on /healthz and /readyz;
/// the JWT server's routes and the cube pods keep their contract. Each rule, broken, is reported.
/// </summary>
public sealed class PolicyTests
{
    public static TheoryData<string> Overlays => [.. Workspace.Overlays];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_EveryContainer_FollowsThePodRules(string overlay)
    {
        var manifests = Rendered.Objects(overlay);

        Assert.Empty(PolicyChecks.Find(manifests));
        Assert.True(manifests.Workloads.SelectMany(w => w.Containers).Count() >= 4);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_Topology_KeepsTheContract(string overlay) =>
        Assert.Empty(TopologyChecks.Find(Rendered.Objects(overlay)));

    [Theory]
    [InlineData("runAsNonRoot", false, "runAsNonRoot is not true.")]
    [InlineData("runAsUser", 0, "runAsUser is not set to a non-root user.")]
    [InlineData("runAsUser", 1000, "runAsUser is 1000, not the images' user 1654.")]
    [InlineData("allowPrivilegeEscalation", true, "allowPrivilegeEscalation is not false.")]
    [InlineData("readOnlyRootFilesystem", false, "readOnlyRootFilesystem is not true.")]
    [InlineData("privileged", true, "privileged.")]
    public void SecurityContext_Weakened_IsReported(string setting, object value, string expected)
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("token").Container("token")["securityContext"]![setting] = value is bool b ? JsonValue.Create(b) : JsonValue.Create((int)value);

        Assert.Contains($"Deployment/token container token: {expected}", PolicyChecks.Find(manifests));
    }

    [Fact]
    public void SecurityContext_Missing_IsReportedForEachRule()
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("cube-risk").Container("ping").Remove("securityContext");

        var findings = PolicyChecks.Find(manifests).Where(f => f.StartsWith("Deployment/cube-risk container ping:", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            ["allowPrivilegeEscalation is not false.", "readOnlyRootFilesystem is not true.", "capabilities do not drop ALL."],
            findings.Select(f => f["Deployment/cube-risk container ping: ".Length..]));
    }

    [Fact]
    public void Capabilities_Added_AreReported()
    {
        var manifests = Rendered.Objects("dev");
        manifests.Workload("redis").Container("redis")["securityContext"]!["capabilities"]!["add"] = new JsonArray("NET_ADMIN");

        Assert.Contains("Deployment/redis container redis: adds capabilities.", PolicyChecks.Find(manifests));
    }

    [Fact]
    public void Seccomp_Unconfined_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("identity").Container("identity")["securityContext"]!["seccompProfile"]!["type"] = "Unconfined";

        Assert.Contains("Deployment/identity container identity: seccompProfile is not RuntimeDefault.", PolicyChecks.Find(manifests));
    }

    [Fact]
    public void WritableTmp_Missing_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("identity").Container("identity").Remove("volumeMounts");

        Assert.Contains("Deployment/identity container identity: no emptyDir mounted at /tmp (the images need a writable /tmp with a read-only root).", PolicyChecks.Find(manifests));
    }

    [Theory]
    [InlineData("limits", "memory")]
    [InlineData("limits", "cpu")]
    [InlineData("requests", "cpu")]
    [InlineData("requests", "memory")]
    public void Resources_Missing_AreReported(string section, string resource)
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("cube-risk").Container("cube")["resources"]![section]!.AsObject().Remove(resource);

        Assert.Contains($"Deployment/cube-risk container cube: no {section}.{resource}.", PolicyChecks.Find(manifests));
    }

    [Theory]
    [InlineData("startupProbe")]
    [InlineData("livenessProbe")]
    [InlineData("readinessProbe")]
    public void Probe_Missing_IsReported(string probe)
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("token").Container("token").Remove(probe);

        Assert.Contains($"Deployment/token container token: no {probe}.", PolicyChecks.Find(manifests));
    }

    [Theory]
    [InlineData("readinessProbe", "/metrics", "readinessProbe asks /metrics; probes ask /healthz or /readyz.")]
    [InlineData("readinessProbe", "/healthz", "readinessProbe asks /healthz; the images answer it on /readyz.")]
    [InlineData("livenessProbe", "/readyz", "livenessProbe asks /readyz; the images answer it on /healthz.")]
    public void ProbePath_Wrong_IsReported(string probe, string path, string expected)
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("identity").Container("identity")[probe]!["httpGet"]!["path"] = path;

        Assert.Contains($"Deployment/identity container identity: {expected}", PolicyChecks.Find(manifests));
    }

    [Fact]
    public void CubeProbePath_InTheCommand_IsChecked()
    {
        var manifests = Rendered.Objects("production");
        var command = manifests.Workload("cube-risk").Container("cube")["livenessProbe"]!["exec"]!["command"]!.AsArray();
        command[2] = ((string)command[2]!).Replace("GET /healthz", "GET /", StringComparison.Ordinal);

        Assert.Contains("Deployment/cube-risk container cube: livenessProbe asks /; probes ask /healthz or /readyz.", PolicyChecks.Find(manifests));
    }

    [Theory]
    [InlineData(0, "identity", "Ingress/jwt-server: no Prefix route /jwt to Service token.")]
    [InlineData(2, "identity", "Ingress/jwt-server: no Prefix route /.well-known/ to Service token.")]
    [InlineData(3, "identity", "Ingress/jwt-server: no Prefix route /versions/ to Service token.")]
    [InlineData(4, "token", "Ingress/jwt-server: no Prefix route / to Service identity.")]
    public void JwtServerRoute_ToTheWrongService_IsReported(int route, string service, string expected)
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("Ingress", "jwt-server")["spec"]!["rules"]![0]!["http"]!["paths"]![route]!["backend"]!["service"]!["name"] = service;

        Assert.Contains(expected, TopologyChecks.Find(manifests));
    }

    [Fact]
    public void Cube_ListeningOnThePodNetwork_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("ConfigMap", "cube-risk-cube")["data"]!["ASPNETCORE_URLS"] = "http://0.0.0.0:9090";

        Assert.Contains("Deployment/cube-risk container cube: the cube must listen on the pod's loopback only and expose no port.", TopologyChecks.Find(manifests));
    }

    [Fact]
    public void Sidecar_PointingAwayFromItsPod_IsReported()
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("ConfigMap", "cube-risk-ping")["data"]!["AtotiAuth__Ping__CubeUrl"] = "http://cube-risk:9090";

        Assert.Contains("Deployment/cube-risk: the sidecar's CubeUrl 'http://cube-risk:9090' is not the pod's loopback.", TopologyChecks.Find(manifests));
    }

    [Fact]
    public void SecondCube_CopiedWithoutNewIdOrCookie_IsReported()
    {
        var manifests = Rendered.Objects("production");
        var copy = manifests.Workload("cube-risk").Object.DeepClone().AsObject();
        copy["metadata"]!["name"] = "cube-pnl";
        manifests.All.Add(copy);

        var findings = TopologyChecks.Find(manifests);

        Assert.Contains("Deployment/cube-pnl: AtotiAuth__Ping__CubeId 'risk' is also Deployment/cube-risk's; every cube needs its own.", findings);
        Assert.Contains("Deployment/cube-pnl: AtotiAuth__Ping__CookieName 'ATOTI_CUBE_RISK' is also Deployment/cube-risk's; every cube needs its own.", findings);
    }
}
