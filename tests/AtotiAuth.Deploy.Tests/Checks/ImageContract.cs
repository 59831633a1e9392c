using AtotiAuth.Testing;

namespace AtotiAuth.Deploy.Tests.Checks;

/// <summary>
/// The images the scripts build, from the contract between the images, Kubernetes and end-to-end work:
/// <c>atotiauth/NAME</c>, one Dockerfile each, port 8080, user 1654, a writable /tmp.
/// </summary>
internal static class ImageContract
{
    public const int Port = 8080;

    public const long User = 1654;

    public static IReadOnlyDictionary<string, string> Dockerfiles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["identity"] = "services/identity/Dockerfile",
        ["token"] = "services/token/Dockerfile",
        ["ping"] = "services/ping/Dockerfile",
        ["standalone"] = "services/standalone/Dockerfile",
        ["sample-cube"] = "samples/cube/Dockerfile",
    };

    /// <summary>The script that builds them; once it is in the tree, so must every Dockerfile be.</summary>
    public static string BuildScript => Path.Combine(RepositoryPaths.Root, "scripts", "build-images.sh");

    /// <summary>The contract's image name of a reference (any registry in front of <c>atotiauth/NAME</c>), or null.</summary>
    public static string? OurName(ImageReference image)
    {
        var parts = image.Repository.Split('/');
        return parts.Length >= 2 && parts[^2] == "atotiauth" ? parts[^1] : null;
    }
}

/// <summary>An image reference split into repository, tag and digest.</summary>
internal sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    public static ImageReference Parse(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var digest = at >= 0 ? image[(at + 1)..] : null;
        var name = at >= 0 ? image[..at] : image;
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? new(name[..colon], name[(colon + 1)..], digest) : new(name, null, digest);
    }

    /// <summary>Pinned: a digest, or a tag other than <c>latest</c>.</summary>
    public bool IsPinned => Digest is not null || (Tag is not null && Tag != "latest");
}
