using System.Diagnostics;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>The docker command line, for the few things Testcontainers' handles do not offer (sweeps, a container's process id).</summary>
internal static class DockerCli
{
    /// <summary>Runs <c>docker {arguments}</c> and returns its output lines; an error exit gives no lines.</summary>
    public static async Task<string[]> RunAsync(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        _ = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
    }
}
