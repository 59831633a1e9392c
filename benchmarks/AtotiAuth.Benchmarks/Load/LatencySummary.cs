using System.Globalization;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>A latency distribution in milliseconds, from samples.</summary>
internal sealed record LatencySummary(int Count, double P50Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Of(IReadOnlyCollection<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN);
        }

        return new LatencySummary(samplesMs.Count, Percentile(samplesMs, 0.50), Percentile(samplesMs, 0.99), samplesMs.Max());
    }

    /// <summary>Nearest-rank percentile, <paramref name="p"/> between 0 and 1.</summary>
    public static double Percentile(IEnumerable<double> samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms, max {MaxMs:F2} ms over {Count}");
}
