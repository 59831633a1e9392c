using System.Diagnostics;
using System.Net;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// A .NET client loop for what wrk cannot drive: requests that each need their own state (a logout
/// spends its session). Bounded by a count; the baseline is measured with the same loop for a fair ratio.
/// </summary>
internal static class ClientLoop
{
    /// <summary>Figures of one loop; <paramref name="ServerCpuMsPerRequest"/> when a server process was watched.</summary>
    public sealed record Outcome(double RequestsPerSecond, LatencySummary Latency, int Failures, double? ServerCpuMsPerRequest);

    public static async Task<Outcome> RunAsync(int total, int concurrency, HttpStatusCode expected, Func<int, HttpRequestMessage> build, ServiceProcess? server = null)
    {
        var cpuBefore = server?.CpuTime();
        var latencies = new double[total];
        var failures = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
            {
                using var request = build(i);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await BenchHttp.Client.SendAsync(request);
                    if (response.StatusCode != expected)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var cpu = server is null ? (double?)null : (server.CpuTime() - cpuBefore!.Value).TotalMilliseconds / total;
        return new Outcome(total / elapsed.TotalSeconds, LatencySummary.Of(latencies), failures, cpu);
    }
}
