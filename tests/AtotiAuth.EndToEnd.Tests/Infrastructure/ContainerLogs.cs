using AtotiAuth.Testing;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>Keeps each container's output under artifacts/e2e-logs/ (git-ignored), so a failed CI run can be read.</summary>
internal static class ContainerLogs
{
    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "e2e-logs");

    /// <summary>Removes an earlier run's logs, so the folder only ever holds one run.</summary>
    public static void Clear()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    public static async Task SaveAsync(IReadOnlyDictionary<string, IContainer> containers)
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var (alias, container) in containers)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                var (stdout, stderr) = await container.GetLogsAsync(ct: timeout.Token);
                await File.WriteAllTextAsync(Path.Combine(Directory, alias + ".log"), stdout + stderr, timeout.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A container that never got created has no log; the run's own error says why.
                await File.WriteAllTextAsync(Path.Combine(Directory, alias + ".log"), $"(no log: {ex.GetType().Name}: {ex.Message})\n");
            }
        }
    }
}
