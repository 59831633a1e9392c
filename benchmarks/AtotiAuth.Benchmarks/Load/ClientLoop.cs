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

    public static Task<Outcome> RunAsync(int total, int concurrency, HttpStatusCode expected, Func<int, HttpRequestMessage> build, ServiceProcess? server = null)
        => RunAsync(total, concurrency, async i =>
        {
            using var request = build(i);
            try
            {
                using var response = await BenchHttp.Client.SendAsync(request);
                return response.StatusCode == expected;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, server);

    /// <summary>Runs <paramref name="attempt"/> for 0 to <paramref name="total"/> - 1, <paramref name="concurrency"/> at a time, timing each; false counts as a failure.</summary>
    public static async Task<Outcome> RunAsync(int total, int concurrency, Func<int, Task<bool>> attempt, ServiceProcess? server = null)
    {
        var cpuBefore = server?.CpuTime();
        var latencies = new double[total];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await ForEachAsync(total, concurrency, async i =>
        {
            var started = Stopwatch.GetTimestamp();
            if (!await attempt(i))
            {
                Interlocked.Increment(ref failures);
            }

            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
        var elapsed = clock.Elapsed;
        var cpu = server is null ? (double?)null : (server.CpuTime() - cpuBefore!.Value).TotalMilliseconds / total;
        return new Outcome(total / elapsed.TotalSeconds, LatencySummary.Of(latencies), failures, cpu);
    }

    /// <summary>Runs <paramref name="body"/> for 0 to <paramref name="count"/> - 1, <paramref name="concurrency"/> at a time.</summary>
    public static Task ForEachAsync(int count, int concurrency, Func<int, Task> body)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await body(i);
            }
        }));
    }
}
