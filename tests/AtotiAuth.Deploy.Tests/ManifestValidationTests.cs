using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests;

/// <summary>
/// Each overlay renders with <c>kubectl kustomize</c> and every object passes the Kubernetes schemas
/// with no unknown field (deploy/validate); a manifest with a wrong field name, a missing required
/// field, a wrong type or an unknown kind is refused, and says where.
/// </summary>
public sealed class ManifestValidationTests
{
    public static TheoryData<string> Overlays => [.. Workspace.Overlays];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_Rendered_MatchesTheKubernetesSchemas(string overlay)
    {
        var report = Rendered.Report(overlay);

        Assert.Empty(report.Problems);
        Assert.Contains(report.Objects, o => Manifests.Id(o) == "Deployment/identity");
        Assert.Contains(report.Objects, o => Manifests.Id(o) == "Deployment/token");
        Assert.Contains(report.Objects, o => Manifests.Id(o) == "Ingress/jwt-server");
    }

    [Theory]
    [InlineData("imagePullPolicy", "imagePullPolcy", "spec.template.spec.containers[0].imagePullPolcy")]
    [InlineData("readinessProbe", "readynessProbe", "spec.template.spec.containers[0].readynessProbe")]
    [InlineData("securityContext", "securityContexts", "spec.template.spec.containers[0].securityContexts")]
    public void Container_MisspelledField_IsRefusedAtItsPath(string field, string misspelled, string path)
    {
        var manifests = Rendered.Objects("production");
        var container = manifests.Workload("token").Container("token");
        Rename(container, field, misspelled);

        var problems = ManifestValidator.Validate(manifests.All).Problems;

        var problem = Assert.Single(problems);
        Assert.Equal(("Deployment/token", path), (problem.Object, problem.Path));
        Assert.Contains($"unknown field \"{misspelled}\"", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"did you mean \"{field}\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerPort_MisspelledAsContainerPorts_IsRefusedTwice()
    {
        var manifests = Rendered.Objects("production");
        var port = manifests.Workload("identity").Container("identity")["ports"]![0]!.AsObject();
        Rename(port, "containerPort", "containerPorts");

        var messages = ManifestValidator.Validate(manifests.All).Problems.Select(p => $"{p.Path}: {p.Message}").ToList();

        Assert.Contains("spec.template.spec.containers[0].ports[0]: missing required field \"containerPort\"", messages);
        Assert.Contains(messages, m => m.StartsWith("spec.template.spec.containers[0].ports[0].containerPorts: unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void Metadata_MisspelledField_IsRefused()
    {
        var manifests = Rendered.Objects("production");
        Rename(manifests.Get("Service", "token")["metadata"]!.AsObject(), "labels", "lables");

        var problem = Assert.Single(ManifestValidator.Validate(manifests.All).Problems);

        Assert.Equal(("Service/token", "metadata.lables"), (problem.Object, problem.Path));
    }

    [Fact]
    public void Container_WithoutName_IsRefusedAsMissingARequiredField()
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("token").Container("token").Remove("name");

        var problem = Assert.Single(ManifestValidator.Validate(manifests.All).Problems);

        Assert.Equal("missing required field \"name\"", problem.Message);
    }

    [Fact]
    public void Replicas_AsText_IsRefusedAsTheWrongType()
    {
        var manifests = Rendered.Objects("production");
        manifests.Workload("token").Object["spec"]!["replicas"] = "two";

        var problem = Assert.Single(ManifestValidator.Validate(manifests.All).Problems);

        Assert.Equal("spec.replicas", problem.Path);
        Assert.Contains("integer", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_OfAnUnknownKind_IsRefused()
    {
        var manifests = Rendered.Objects("production");
        manifests.Get("Service", "token")["kind"] = "Servise";

        var problem = Assert.Single(ManifestValidator.Validate(manifests.All).Problems);

        Assert.Equal("no Kubernetes schema for apiVersion v1, kind Servise", problem.Message);
    }

    [Fact]
    public void KustomizeOverlay_WithAMisspelledField_FailsValidation()
    {
        DeployTools.EnsureAvailable();
        var rendered = Workspace.RenderFolder(Path.Combine("tests", "AtotiAuth.Deploy.Tests", "BadOverlays", "misspelled-field"));

        var problem = Assert.Single(ManifestValidator.Validate(rendered).Problems);

        Assert.Equal("Deployment/token: spec.template.spec.containers[0].imagePullPolcy: unknown field \"imagePullPolcy\" (did you mean \"imagePullPolicy\"?)", problem.ToString());
    }

    private static void Rename(JsonObject node, string from, string to)
    {
        var value = node[from]!;
        node.Remove(from);
        node[to] = value;
    }
}
