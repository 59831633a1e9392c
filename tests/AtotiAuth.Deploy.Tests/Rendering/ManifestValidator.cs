using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AtotiAuth.Deploy.Tests.Rendering;

/// <summary>
/// deploy/validate/validate.mjs: the Kubernetes schemas (kubernetes-models) and the unknown-field check.
/// Also the one YAML parser of these tests: its report carries every object as JSON.
/// </summary>
internal static class ManifestValidator
{
    /// <summary>Validates a YAML (or JSON) document stream, e.g. <c>kubectl kustomize</c> output.</summary>
    public static ValidationReport Validate(string documents)
    {
        var result = ProcessRunner.Run(DeployTools.Node, ["validate.mjs"], DeployTools.ValidatorFolder, documents);
        if (result.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"validate.mjs could not run ({result.ExitCode}): {result.Error}");
        }

        var report = JsonNode.Parse(result.Output)!["documents"]!.AsArray();
        var objects = report.Select(d => d!["object"]!.AsObject()).ToList();
        var problems = report
            .SelectMany(d => d!["problems"]!.AsArray().Select(p => new SchemaProblem(
                $"{(string?)d["kind"]}/{(string?)d["name"]}", (string)p!["path"]!, (string)p["message"]!)))
            .ToList();
        return new ValidationReport(objects, problems);
    }

    /// <summary>Validates objects (as JSON documents).</summary>
    public static ValidationReport Validate(IEnumerable<JsonObject> objects)
    {
        var stream = new StringBuilder();
        foreach (var o in objects)
        {
            stream.Append("---\n").Append(o.ToJsonString(new JsonSerializerOptions { WriteIndented = false })).Append('\n');
        }

        return Validate(stream.ToString());
    }
}

/// <summary>The objects of a stream and what the validator found wrong with them.</summary>
internal sealed record ValidationReport(IReadOnlyList<JsonObject> Objects, IReadOnlyList<SchemaProblem> Problems);

/// <summary>One problem: the object (kind/name), the field path, the message.</summary>
internal sealed record SchemaProblem(string Object, string Path, string Message)
{
    public override string ToString() => $"{Object}: {Path}: {Message}";
}
