using System.Globalization;
using System.Text;

namespace AtotiAuth.Benchmarks.Profiling;

/// <summary>The means of the dotnet-counters CSV that say what a request costs besides CPU: GC, allocations, threads, locks.</summary>
internal sealed class CountersSummary
{
    private readonly Dictionary<string, List<double>> _series;

    private CountersSummary(Dictionary<string, List<double>> series) => _series = series;

    public static CountersSummary Read(string csv)
    {
        var series = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        if (!File.Exists(csv))
        {
            return new CountersSummary(series);
        }

        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment: the name may hold commas, the rest never.
            var first = line.IndexOf(',', StringComparison.Ordinal);
            var second = first < 0 ? -1 : line.IndexOf(',', first + 1);
            var last = line.LastIndexOf(',');
            var beforeLast = last < 0 ? -1 : line.LastIndexOf(',', last - 1);
            if (second < 0 || beforeLast <= second
                || !double.TryParse(line[(last + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var name = line[(second + 1)..beforeLast];
            if (!series.TryGetValue(name, out var values))
            {
                series[name] = values = [];
            }

            values.Add(value);
        }

        return new CountersSummary(series);
    }

    public bool IsEmpty => _series.Count == 0;

    /// <summary>Mean of every series whose name starts with <paramref name="prefix"/> and contains <paramref name="tag"/>, summed over them.</summary>
    public double Sum(string prefix, string? tag = null) => _series
        .Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal) && (tag is null || s.Key.Contains(tag, StringComparison.Ordinal)))
        .Sum(static s => s.Value.Average());

    /// <summary>The highest mean among the series (e.g. the p99 of request duration over routes).</summary>
    public double Max(string prefix, string tag) => _series
        .Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal) && s.Key.Contains(tag, StringComparison.Ordinal))
        .Select(static s => s.Value.Average()).DefaultIfEmpty(double.NaN).Max();

    /// <summary>One markdown table; <paramref name="requestsPerSecond"/> turns allocation rates into bytes per request.</summary>
    public string Render(double? requestsPerSecond)
    {
        if (IsEmpty)
        {
            return "no counters recorded\n";
        }

        var inv = CultureInfo.InvariantCulture;
        var allocated = Sum("dotnet.gc.heap.total_allocated");
        var rows = new List<(string, string)>
        {
            ("CPU (cores busy: user + system)", Sum("dotnet.process.cpu.time").ToString("F2", inv)),
            ("GC collections/s gen0 / gen1 / gen2", string.Create(inv, $"{Sum("dotnet.gc.collections", "gen0"):F1} / {Sum("dotnet.gc.collections", "gen1"):F1} / {Sum("dotnet.gc.collections", "gen2"):F2}")),
            ("time paused by GC", Sum("dotnet.gc.pause.time").ToString("P1", inv)),
            ("allocated MB/s", (allocated / 1e6).ToString("F1", inv)),
        };
        if (requestsPerSecond is > 0)
        {
            rows.Add(("allocated per request", string.Create(inv, $"{allocated / requestsPerSecond.Value / 1024:F1} KiB")));
        }

        rows.Add(("GC heap after the last GC, MB", (Sum("dotnet.gc.last_collection.heap.size") / 1e6).ToString("F1", inv)));
        rows.Add(("working set, MB", (Sum("dotnet.process.memory.working_set") / 1e6).ToString("F1", inv)));
        rows.Add(("lock contentions/s", Sum("dotnet.monitor.lock_contentions").ToString("F0", inv)));
        var p50 = Max("http.server.request.duration", "Percentile=50");
        var p99 = Max("http.server.request.duration", "Percentile=99");
        if (!double.IsNaN(p50))
        {
            rows.Add(("server-side request duration p50 / p99 (Kestrel's metric)", string.Create(inv, $"{p50 * 1000:F3} / {p99 * 1000:F3} ms")));
        }

        var text = new StringBuilder();
        text.AppendLine("| counter (mean over the recording) | value |");
        text.AppendLine("|---|---:|");
        foreach (var (name, value) in rows)
        {
            text.AppendLine(inv, $"| {name} | {value} |");
        }

        return text.ToString();
    }
}
