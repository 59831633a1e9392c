using System.Diagnostics;
using AtotiAuth.Benchmarks.Run;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>The docker command line, for the run's containers (loopback only: published on 127.0.0.1, or host networking bound to it).</summary>
internal static class DockerCli
{
    public static async Task<string> RunAsync(string arguments, bool allowFailure = false)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"docker {arguments}: {(await error).Trim()}");
        }

        return await output;
    }

    /// <summary>
    /// Starts a detached, self-removing container named and labelled for this run (so that an
    /// interrupted run still removes it); <paramref name="arguments"/> are the rest of <c>docker run</c>.
    /// </summary>
    public static async Task<string> StartContainerAsync(string kind, string arguments) =>
        (await RunAsync($"run -d --rm --name {RunResources.ContainerName(kind)} --label {RunResources.ContainerLabel} {arguments}")).Trim();

    /// <summary>True when an image of that name exists locally.</summary>
    public static async Task<bool> HasImageAsync(string image) =>
        !string.IsNullOrWhiteSpace(await RunAsync($"images -q {image}", allowFailure: true));
}
