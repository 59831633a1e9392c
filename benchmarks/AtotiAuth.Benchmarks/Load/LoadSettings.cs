namespace AtotiAuth.Benchmarks.Load;

/// <summary>How hard and how long each scenario is driven; <paramref name="WrkCpus"/> pins wrk (<c>taskset -c</c>) when set.</summary>
internal sealed record LoadSettings(TimeSpan Duration, TimeSpan Warmup, int Connections, int Threads, string ScriptDirectory, string? WrkCpus = null)
{
    public string ReportScript => Path.Combine(ScriptDirectory, "report.lua");

    public string DistinctScript => Path.Combine(ScriptDirectory, "distinct.lua");
}
