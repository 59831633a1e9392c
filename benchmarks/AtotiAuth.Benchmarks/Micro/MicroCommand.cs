using AtotiAuth.Benchmarks.Load;
using BenchmarkDotNet.Running;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// The BenchmarkDotNet part of a run: every benchmark of this assembly, joined in one table (ShortRun:
/// 3 warm-ups, 3 iterations; <c>--quick</c>: Dry, one invocation each, to prove they run), the store
/// benchmarks on the run's Redis. In process: BenchmarkDotNet's generated project would rebuild the
/// services, minutes on 2 cores; the run starts this part before any load, so the process is fresh.
/// </summary>
internal static class MicroCommand
{
    public static Task RunAsync(LoadRun run)
    {
        Environment.SetEnvironmentVariable(StoreBenchmarks.RedisVariable, run.Redis.ConnectionString);
        var artifacts = Path.Combine(run.Root, "artifacts", "benchmarkdotnet", Run.RunResources.RunId);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly)
            .Run(["--filter", "*", "--join", "--inProcess", "--job", run.Quick ? "dry" : "short", "--artifacts", artifacts]).ToList();
        foreach (var summary in summaries)
        {
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(static r => !r.Success))
            {
                run.Failures.Add($"micro-benchmarks: {summary.Reports.Count(static r => !r.Success)} of {summary.Reports.Length} did not run (see {artifacts})");
            }
        }

        var report = Directory.Exists(Path.Combine(artifacts, "results"))
            ? Directory.EnumerateFiles(Path.Combine(artifacts, "results"), "*-report-github.md").OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        if (report is null)
        {
            run.Failures.Add("micro-benchmarks: BenchmarkDotNet wrote no report");
            return Task.CompletedTask;
        }

        run.AddSection("micro", (run.Quick ? "`--quick`: BenchmarkDotNet's Dry job (one invocation each): these prove the benchmarks run, not what they cost.\n\n" : string.Empty) + File.ReadAllText(report));
        return Task.CompletedTask;
    }
}
