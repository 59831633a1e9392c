using AtotiAuth.Deploy.Tests.Rendering;
using AtotiAuth.Testing;

namespace AtotiAuth.Deploy.Tests.Checks;

/// <summary>
/// Every image is one the scripts build (<c>atotiauth/NAME</c> of the images contract, with its stage
/// in their Dockerfile once scripts/build-images.sh is in the tree), or a third-party image pinned by
/// tag or digest; never <c>latest</c> or no tag at all.
/// </summary>
internal static class ImageChecks
{
    public static List<string> Find(Manifests manifests)
    {
        var findings = new List<string>();
        var stages = File.Exists(ImageContract.BuildScript) ? ImageContract.DockerfileStages() : null;
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

                if (!ImageContract.Names.Contains(name))
                {
                    findings.Add($"{where}: the scripts build no image atotiauth/{name} (they build {string.Join(", ", ImageContract.Names)}).");
                }
                else if (stages is not null && !stages.Contains(name))
                {
                    findings.Add($"{where}: the Dockerfile {ImageContract.Dockerfile} has no stage '{name}'.");
                }
            }
        }

        return findings;
    }
}
