using System.Text.Json.Nodes;
using AtotiAuth.Deploy.Tests.Checks;
using AtotiAuth.Deploy.Tests.Rendering;

namespace AtotiAuth.Deploy.Tests.Configuration;

/// <summary>
/// A container of ours as configuration: its environment with <c>__</c> read as <c>:</c>, and every path
/// under one of its volume mounts moved to a temporary folder holding what the volume would (a Secret's
/// or ConfigMap's files, or nothing for an emptyDir), so that file checks at start see real files.
/// </summary>
internal sealed class ContainerSettings : IDisposable
{
    private readonly List<string> _folders = [];

    public ContainerSettings(Manifests manifests, Workload workload, JsonObject container)
    {
        Image = ImageContract.OurName(ImageReference.Parse((string?)container["image"] ?? string.Empty)) ?? string.Empty;
        Environment = ContainerEnvironment.Of(manifests, workload, container);
        var mounts = (container["volumeMounts"]?.AsArray() ?? [])
            .Select(m => ((string)m!["mountPath"]!, Materialise(manifests, workload, (string)m["name"]!)))
            .ToList();
        Settings = Environment.ToDictionary(
            static p => p.Key.Replace("__", ":", StringComparison.Ordinal),
            p => (string?)Relocate(p.Value, mounts),
            StringComparer.OrdinalIgnoreCase);
    }

    public string Image { get; }

    public Dictionary<string, string> Environment { get; }

    public Dictionary<string, string?> Settings { get; }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Relocate(string value, List<(string MountPath, string Folder)> mounts)
    {
        foreach (var (mountPath, folder) in mounts)
        {
            if (value == mountPath || value.StartsWith(mountPath.TrimEnd('/') + "/", StringComparison.Ordinal))
            {
                return folder + value[mountPath.TrimEnd('/').Length..];
            }
        }

        return value;
    }

    private string Materialise(Manifests manifests, Workload workload, string volumeName)
    {
        var folder = Directory.CreateTempSubdirectory("atotiauth-volume-").FullName;
        _folders.Add(folder);
        var volume = workload.PodSpec["volumes"]?.AsArray().FirstOrDefault(v => (string?)v!["name"] == volumeName);
        var (kind, name) = volume?["secret"] is { } s ? ("Secret", (string?)s["secretName"]) : ("ConfigMap", (string?)volume?["configMap"]?["name"]);
        var source = name is null ? null : manifests.Find(kind, name, workload.Namespace);
        foreach (var (key, content) in source is null ? [] : ContainerEnvironment.Values(source))
        {
            File.WriteAllText(Path.Combine(folder, key), content);
        }

        return folder;
    }
}
