using AtotiAuth.Testcontainers;
using AtotiAuth.Testing;

namespace AtotiAuth.Testcontainers.Tests;

/// <summary>Skips (or, where containers are required, fails) a test whose engine or images are missing.</summary>
public static class ServiceImages
{
    /// <summary>Every image scripts/build-images.sh builds.</summary>
    public static readonly string[] All =
        [AtotiAuthImages.Identity, AtotiAuthImages.Token, AtotiAuthImages.Ping, AtotiAuthImages.Standalone, AtotiAuthImages.SampleCube];

    /// <summary>True when the engine answers and the images exist (fixtures start nothing otherwise).</summary>
    public static bool CanRun(params string[] images) => Reason(images) is null;

    public static void EnsureAvailable(params string[] images)
    {
        var reason = Reason(images);
        if (reason is null)
        {
            return;
        }

        if (DockerEnvironment.ContainersRequired)
        {
            throw new InvalidOperationException($"Containers are required in this run (ATOTIAUTH_REQUIRE_CONTAINERS=1): {reason}");
        }

        Assert.Skip(reason);
    }

    private static string? Reason(string[] images) =>
        DockerEnvironment.UnavailableReason()
            ?? images.Select(static i => DockerEnvironment.MissingImageReason(i) is null ? null : $"Image {i} is missing: run scripts/build-images.sh (scripts/test.sh does).")
                .FirstOrDefault(static r => r is not null);
}
