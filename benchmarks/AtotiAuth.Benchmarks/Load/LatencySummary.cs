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

        var sorted = samplesMs.Order().ToArray();
        return new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms, max {MaxMs:F2} ms over {Count}");
}
