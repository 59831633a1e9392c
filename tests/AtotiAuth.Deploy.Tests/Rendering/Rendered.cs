using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AtotiAuth.Deploy.Tests.Rendering;

/// <summary>Each overlay rendered and validated once per run; tests get their own copy of the objects to change.</summary>
internal static class Rendered
{
    private static readonly ConcurrentDictionary<string, Lazy<ValidationReport>> Reports = new();

    /// <summary>The validator's report on an overlay as the repository has it.</summary>
    public static ValidationReport Report(string overlay)
    {
        DeployTools.EnsureAvailable();
        return Reports.GetOrAdd(overlay, o => new Lazy<ValidationReport>(() => ManifestValidator.Validate(Workspace.Render(o)))).Value;
    }

    /// <summary>A fresh copy of an overlay's rendered objects.</summary>
    public static Manifests Objects(string overlay) => new(Report(overlay).Objects.Select(o => o.DeepClone().AsObject()).ToList());
}
