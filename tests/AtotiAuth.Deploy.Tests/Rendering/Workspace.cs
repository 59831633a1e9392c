using AtotiAuth.Testing;

namespace AtotiAuth.Deploy.Tests.Rendering;

/// <summary>
/// A copy of deploy/k8s as a clean clone has it (the git-ignored secret files left out), with
/// init-secrets.sh run for each overlay as docs/kubernetes.md tells operators, plus this project's
/// BadOverlays at the same relative place, so their <c>resources</c> paths hold. One per test run.
/// </summary>
internal static class Workspace
{
    private static readonly Lazy<string> Root = new(Create);

    public static IReadOnlyList<string> Overlays { get; } = ["dev", "production"];

    /// <summary>The copy's root, laid out as the repository.</summary>
    public static string Path => Root.Value;

    /// <summary>An overlay of deploy/k8s, rendered with <c>kubectl kustomize</c>.</summary>
    public static string Render(string overlay) => RenderFolder(System.IO.Path.Combine("deploy", "k8s", "overlays", overlay));

    /// <summary>A kustomization folder, relative to the repository root, rendered with <c>kubectl kustomize</c>.</summary>
    public static string RenderFolder(string relativeFolder)
    {
        var result = ProcessRunner.Run(DeployTools.Kubectl, ["kustomize", relativeFolder], Path);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"kubectl kustomize {relativeFolder} failed ({result.ExitCode}): {result.Error}");
    }

    /// <summary>Deletes the copy (it holds the signing keys init-secrets.sh made), if this run made one.</summary>
    public static void DeleteIfCreated()
    {
        if (Root.IsValueCreated)
        {
            Directory.Delete(Root.Value, recursive: true);
        }
    }

    private static string Create()
    {
        var root = Directory.CreateTempSubdirectory("atotiauth-deploy-").FullName;
        Copy(System.IO.Path.Combine(RepositoryPaths.Root, "deploy", "k8s"), System.IO.Path.Combine(root, "deploy", "k8s"));
        Copy(
            System.IO.Path.Combine(RepositoryPaths.Root, "tests", "AtotiAuth.Deploy.Tests", "BadOverlays"),
            System.IO.Path.Combine(root, "tests", "AtotiAuth.Deploy.Tests", "BadOverlays"));
        foreach (var overlay in Overlays)
        {
            var script = ProcessRunner.Run(DeployTools.Bash, ["deploy/k8s/init-secrets.sh", $"deploy/k8s/overlays/{overlay}"], root);
            if (script.ExitCode != 0)
            {
                throw new InvalidOperationException($"init-secrets.sh {overlay} failed ({script.ExitCode}): {script.Error}");
            }
        }

        return root;
    }

    /// <summary>Copies a tree, leaving out what a clone lacks: the overlays' secret files other than the *.example ones.</summary>
    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(from, file);
            var parts = relative.Split(System.IO.Path.DirectorySeparatorChar);
            if (parts.Contains("secrets") && !file.EndsWith(".example", StringComparison.Ordinal))
            {
                continue;
            }

            var target = System.IO.Path.Combine(to, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
