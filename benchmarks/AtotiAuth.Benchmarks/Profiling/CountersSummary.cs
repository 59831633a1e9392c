using System.Globalization;

namespace AtotiAuth.Benchmarks.Profiling;

/// <summary>The means of a dotnet-counters CSV, by counter name (the heap sizes <see cref="HeapProbe"/> reads).</summary>
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
}
