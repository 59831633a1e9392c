using AtotiAuth.Deploy.Tests.Rendering;
using AtotiAuth.Testing;

namespace AtotiAuth.Deploy.Tests.Checks;

/// <summary>
/// Every image is one the scripts build (<c>atotiauth/NAME</c> of the images contract, with its
/// Dockerfile once scripts/build-images.sh is in the tree), or a third-party image pinned by tag or
/// digest; never <c>latest</c> or no tag at all.
/// </summary>
internal static class ImageChecks
{
    public static List<string> Find(Manifests manifests)
    {
        var findings = new List<string>();
        var buildScript = File.Exists(ImageContract.BuildScript);
        foreach (var workload in manifests.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var text = (string?)container["image"] ?? string.Empty;
                var where = $"{workload.Id} container {(string?)container["name"]} image '{text}'";
                var image = ImageReference.Parse(text);
                if (!image.IsPinned)
                {
                    findings.Add($"{where}: not pinned (give a tag other than latest, or a digest).");
                }

                var name = ImageContract.OurName(image);
                if (name is null)
                {
                    continue;
                }

                if (!ImageContract.Dockerfiles.TryGetValue(name, out var dockerfile))
                {
                    findings.Add($"{where}: the scripts build no image atotiauth/{name} (they build {string.Join(", ", ImageContract.Dockerfiles.Keys)}).");
                }
                else if (buildScript && !File.Exists(Path.Combine(RepositoryPaths.Root, dockerfile)))
                {
                    findings.Add($"{where}: its Dockerfile {dockerfile} is missing.");
                }
            }
        }

        return findings;
    }
}
