using System.Diagnostics;

namespace AtotiAuth.AppHost;

/// <summary>
/// The container images the system runs, which must be on this machine (no registry is asked): a
/// missing one stops the AppHost at once with the script that builds it, instead of a resource that
/// waits for ever for a pull that cannot happen.
/// </summary>
public static class LocalImages
{
    public const string Tag = "dev";
    public const string Redis = "atotiauth/test-redis";
    public const string OpenLdap = "atotiauth/test-openldap";
    public const string OidcProvider = "atotiauth/test-oidc";

    private static readonly (string Image, string Builder)[] Required =
    [
        (Redis, "scripts/build-test-images.sh redis"),
        (OpenLdap, "scripts/build-test-images.sh openldap"),
        (OidcProvider, "scripts/build-test-images.sh oidc"),
    ];

    /// <summary>Exits with a message naming the build script when an image is missing or no Docker engine answers.</summary>
    public static void EnsurePresent()
    {
        var missing = Missing();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var line in missing)
        {
            Console.Error.WriteLine($"error: {line}");
        }

        Environment.Exit(2);
    }

    /// <summary>What is missing, one readable line each (empty when everything is there).</summary>
    public static IReadOnlyList<string> Missing()
    {
        var found = new List<string>();
        foreach (var (image, builder) in Required)
        {
            var exit = Docker($"image inspect --format {{{{.Id}}}} {image}:{Tag}");
            if (exit is null)
            {
                return ["no Docker engine answers (docker image inspect failed to run): start one with scripts/ensure-docker.sh"];
            }

            if (exit != 0)
            {
                found.Add($"the image {image}:{Tag} is not on this machine: build it with {builder} (./scripts/run.sh --system builds every image first)");
            }
        }

        return found;
    }

    private static int? Docker(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
