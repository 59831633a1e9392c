using AtotiAuth.Testing;

namespace AtotiAuth.Deploy.Tests.Checks;

/// <summary>
/// The images the scripts build, from the contract between the images, Kubernetes and end-to-end work:
/// <c>atotiauth/NAME</c>, a stage each of one Dockerfile, port 8080, user 1654, a writable /tmp.
/// </summary>
internal static class ImageContract
{
    public const int Port = 8080;

    public const long User = 1654;

    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "identity", "token", "ping", "standalone", "sample-cube",
    };

    /// <summary>The Dockerfile they share, with a stage named after each image.</summary>
    public const string Dockerfile = "deploy/images/service/Dockerfile";

    /// <summary>The script that builds them; once it is in the tree, so must the Dockerfile be, with every image's stage.</summary>
    public static string BuildScript => Path.Combine(RepositoryPaths.Root, "scripts", "build-images.sh");

    /// <summary>The stages of <see cref="Dockerfile"/> (<c>FROM … AS NAME</c>); none when it is missing.</summary>
    public static IReadOnlySet<string> DockerfileStages()
    {
        var path = Path.Combine(RepositoryPaths.Root, Dockerfile);
        return File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Split(' ')).Where(w => w is ["FROM", _, "AS", _]).Select(w => w[3]).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
    }

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
