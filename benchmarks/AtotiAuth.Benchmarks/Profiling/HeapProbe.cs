using System.Globalization;
using AtotiAuth.Benchmarks.Load;

namespace AtotiAuth.Benchmarks.Profiling;

/// <summary>
/// The live managed heap of a process: a full blocking GC is induced through EventPipe (the runtime's
/// GCHeapCollect keyword, what dotnet-gcdump uses, without the heap walk), then dotnet-counters reads
/// the heap size that GC left, less its fragmentation. RSS beside it.
/// </summary>
internal static class HeapProbe
{
    public sealed record Reading(double LiveHeapBytes, double ResidentBytes);

    public static async Task<Reading> MeasureAsync(string root, ServiceProcess process, string folder)
    {
        Directory.CreateDirectory(folder);
        var pid = process.ProcessId.ToString(CultureInfo.InvariantCulture);
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var trace = Path.Combine(folder, $"gc-{stamp}.nettrace");
        var induced = await DotnetTool.RunAsync(root, "dotnet-trace", ["collect", "-p", pid, "--providers", "Microsoft-Windows-DotNETRuntime:0x800000:4", "--duration", "00:00:00:01", "-o", trace], TimeSpan.FromMinutes(2));
        if (induced.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-trace could not induce a GC in {pid}: {induced.Output}");
        }

        File.Delete(trace);
        var csv = Path.Combine(folder, $"heap-{stamp}.csv");
        var counted = await DotnetTool.RunAsync(root, "dotnet-counters", ["collect", "-p", pid, "--counters",
            "System.Runtime[dotnet.gc.last_collection.heap.size,dotnet.gc.last_collection.heap.fragmentation.size]",
            "--refresh-interval", "1", "--duration", "00:00:00:02", "--format", "csv", "-o", csv], TimeSpan.FromMinutes(1));
        var counters = CountersSummary.Read(csv);
        File.Delete(csv);
        if (counted.ExitCode != 0 || counters.IsEmpty)
        {
            throw new InvalidOperationException($"dotnet-counters read nothing from {pid}: {counted.Output}");
        }

        var live = counters.Sum("dotnet.gc.last_collection.heap.size") - counters.Sum("dotnet.gc.last_collection.heap.fragmentation.size");
        return new Reading(live, process.ResidentMemoryMiB() * 1024 * 1024);
    }
}
