using System.Globalization;
using System.Text;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>Resident memory (RSS) of each process: idle after start, then after the load runs.</summary>
internal sealed class ResidentMemory
{
    private readonly List<(string Name, ServiceProcess Process, double IdleMiB)> _idle = [];

    private readonly List<string> _missedProfiles = [];

    /// <summary>
    /// RSS of each process once start-up work (key ring, JWKS fetch, user seeding) is over; for each one
    /// at or above the target, dotnet-counters at that moment says how much of it is the GC heap.
    /// </summary>
    public static async Task<ResidentMemory> IdleAsync(LoadRun run, IEnumerable<(string Name, ServiceProcess Process)> processes)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        var memory = new ResidentMemory();
        foreach (var (name, process) in processes)
        {
            memory._idle.Add((name, process, process.ResidentMemoryMiB()));
        }

        foreach (var (name, process, idle) in memory._idle.Where(static p => !p.Name.StartsWith("baseline", StringComparison.Ordinal) && Megabytes(p.IdleMiB) >= 100))
        {
            var folder = Path.Combine(run.Root, "artifacts", "profiles", Run.RunResources.RunId, Profiling.Profiler.Slug("idle " + name));
            Directory.CreateDirectory(folder);
            var csv = Path.Combine(folder, "counters.csv");
            await Profiling.DotnetTool.RunAsync(run.Root, "dotnet-counters", ["collect", "-p", process.ProcessId.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime", "--duration", "00:00:00:03", "--format", "csv", "-o", csv], TimeSpan.FromMinutes(1));
            memory._missedProfiles.Add(string.Create(CultureInfo.InvariantCulture, $"Idle {name}, {Megabytes(idle):F0} MB RSS, dotnet-counters over 3 s at rest:") + "\n\n" + Profiling.CountersSummary.Read(csv).Render(null));
        }

        return memory;
    }

    private static double Megabytes(double mebibytes) => mebibytes * 1024 * 1024 / 1e6;

    public void Report(LoadRun run)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("Resident memory (RSS, `Process.WorkingSet64`), workstation GC as started by the harness:");
        text.AppendLine();
        text.AppendLine("| process | idle after start MiB | after the load runs MiB |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (name, process, idle) in _idle)
        {
            text.AppendLine(inv, $"| {name} | {idle:F0} | {process.ResidentMemoryMiB():F0} |");
        }

        run.AddSection("load", text.ToString());
        foreach (var profile in _missedProfiles)
        {
            run.AddSection("profiles", profile);
        }

        foreach (var (name, _, idle) in _idle.Where(static p => !p.Name.StartsWith("baseline", StringComparison.Ordinal)))
        {
            // 100 MB as the issue writes it, read as 100 MiB would flatter: compare in bytes.
            var megabytes = Megabytes(idle);
            run.Target($"idle RSS, {name}", "< 100 MB", string.Create(inv, $"{megabytes:F0} MB"), megabytes < 100);
        }
    }
}
