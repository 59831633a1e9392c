using System.Diagnostics;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>The docker command line, for the run's containers (published on loopback ports only).</summary>
internal static class DockerCli
{
    public static async Task<string> RunAsync(string arguments, bool allowFailure = false)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"docker {arguments}: {error}");
        }

        return output;
    }
}
