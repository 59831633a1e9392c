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
        var containers = await DockerCli.RunAsync($"ps -aq --filter {filter}");
        if (containers.Length > 0)
        {
            await DockerCli.RunAsync("rm -f -v " + string.Join(' ', containers));
        }

        var networks = await DockerCli.RunAsync($"network ls -q --filter {filter}");
        if (networks.Length > 0)
        {
            await DockerCli.RunAsync("network rm " + string.Join(' ', networks));
        }
    }
}
