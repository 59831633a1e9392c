using System.Collections.Concurrent;
using System.Diagnostics;

namespace AtotiAuth.Benchmarks.Oidc;

/// <summary>
/// Per callback request: the server's total time (outermost middleware) and the time spent waiting on
/// the provider (every backchannel call made while handling it, timed by <see cref="BackchannelTimer"/>).
/// </summary>
internal sealed class CallbackClock
{
    private static readonly AsyncLocal<StrongBox> Current = new();

    public ConcurrentQueue<(double TotalMs, double ProviderMs, int ProviderCalls)> Samples { get; } = new();

    public async Task MeasureAsync(Func<Task> next)
    {
        var box = new StrongBox();
        Current.Value = box;
        var start = Stopwatch.GetTimestamp();
        await next();
        var total = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Samples.Enqueue((total, box.ProviderTicks * 1000.0 / Stopwatch.Frequency, box.Calls));
    }

    public static void AddProviderTime(long ticks)
    {
        if (Current.Value is { } box)
        {
            Interlocked.Add(ref box.ProviderTicks, ticks);
            Interlocked.Increment(ref box.Calls);
        }
    }

    private sealed class StrongBox
    {
        public long ProviderTicks;
        public int Calls;
    }
}
