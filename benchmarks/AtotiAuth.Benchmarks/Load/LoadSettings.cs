namespace AtotiAuth.Benchmarks.Load;

/// <summary>How hard and how long each scenario is driven.</summary>
internal sealed record LoadSettings(TimeSpan Duration, TimeSpan Warmup, int Connections, int Threads, string ReportScript);
