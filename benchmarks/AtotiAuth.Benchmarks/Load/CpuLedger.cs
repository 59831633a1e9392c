using System.Diagnostics;
using System.Globalization;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// CPU time of named parts of the machine (service processes, Redis, the harness itself) and of the
/// whole machine (<c>/proc/stat</c>), read before and after a stretch of load: where each request's
/// CPU went, for a ratio that every process on the cores shares.
/// </summary>
internal sealed class CpuLedger(IReadOnlyList<(string Name, Func<TimeSpan> Read)> parts)
{
    // USER_HZ, the unit of /proc's CPU times: 100 on every Linux architecture the harness runs on.
    private const double TicksPerSecond = 100;

    public const string Machine = "machine";

    /// <summary>CPU time of everything the kernel counted as busy, all cores (user, nice, system, irq, softirq, steal).</summary>
    public static TimeSpan MachineBusy()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return Ticks(Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8));
    }

    /// <summary>A process's user and system CPU time, from <c>/proc/PID/stat</c> (any process, containers' included).</summary>
    public static Func<TimeSpan> Process(int pid) => () =>
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return Ticks(long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    };

    /// <summary>This process (the harness and its client loop).</summary>
    public static TimeSpan Harness()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    public IReadOnlyList<string> Names => [Machine, .. parts.Select(p => p.Name)];

    public TimeSpan[] Take() => [MachineBusy(), .. parts.Select(p => p.Read())];

    /// <summary>Microseconds of CPU per request of each part between two readings, in <see cref="Names"/> order.</summary>
    public static double[] PerRequest(TimeSpan[] before, TimeSpan[] after, int requests) =>
        [.. before.Zip(after, (b, a) => (a - b).TotalMicroseconds / requests)];

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
