using System.Diagnostics;

namespace AtotiAuth.Testing;

/// <summary>Whether container-backed tests can run here, decided once per process.</summary>
public static class DockerEnvironment
{
    private static readonly Lazy<string?> Reason = new(Probe);

    /// <summary>True when the run must not skip container tests (CI sets <c>ATOTIAUTH_REQUIRE_CONTAINERS=1</c>).</summary>
    public static bool ContainersRequired => Environment.GetEnvironmentVariable("ATOTIAUTH_REQUIRE_CONTAINERS") == "1";

    /// <summary>Null when a Docker engine answers; otherwise a sentence saying why not and what to run.</summary>
    public static string? UnavailableReason() => Reason.Value;

    /// <summary>Null when the image exists locally; otherwise why not and how to build it.</summary>
    public static string? MissingImageReason(string image)
    {
        var (code, _) = Run("docker", $"image inspect --format {{{{.Id}}}} {image}");
        return code == 0 ? null : $"Image {image} is missing: run scripts/build-test-images.sh (scripts/test.sh does).";
    }

    private static string? Probe()
    {
        var forced = Environment.GetEnvironmentVariable("ATOTIAUTH_NO_DOCKER_REASON");
        if (!string.IsNullOrWhiteSpace(forced))
        {
            return forced;
        }

        var (code, output) = Run("docker", "version --format {{.Server.APIVersion}}");
        return code == 0
            ? null
            : $"No Docker engine answers ({output.Trim()}): container-backed tests skipped. Run scripts/test.sh as root to install and start one.";
    }

    private static (int Code, string Output) Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "timed out");
            }

            var lines = (stderr.Result + stdout.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return (process.ExitCode, lines.FirstOrDefault() ?? string.Empty);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{file} not found: {ex.Message}");
        }
    }
}
