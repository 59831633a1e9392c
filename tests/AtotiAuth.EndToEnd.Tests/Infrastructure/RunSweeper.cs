using System.Diagnostics;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Removes whatever a run left behind, found by its label: containers that failed half-way through
/// creation are not always known to their Testcontainers handle, so disposing those is not enough.
/// </summary>
internal static class RunSweeper
{
    public static async Task SweepAsync(string runId)
    {
        var filter = $"label={EndToEndLabels.Run}={runId}";
        var containers = await DockerAsync($"ps -aq --filter {filter}");
        if (containers.Length > 0)
        {
            await DockerAsync("rm -f -v " + string.Join(' ', containers));
        }

        var networks = await DockerAsync($"network ls -q --filter {filter}");
        if (networks.Length > 0)
        {
            await DockerAsync("network rm " + string.Join(' ', networks));
        }
    }

    private static async Task<string[]> DockerAsync(string arguments)
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
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
