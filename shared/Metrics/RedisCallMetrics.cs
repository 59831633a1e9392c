using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace AtotiAuth.Shared.Metrics;

/// <summary>
/// Records every Redis command's duration (<see cref="AtotiAuthMetrics.RedisDuration"/>) through the
/// client's own profiling API: one session for the whole process, drained every
/// <see cref="DrainInterval"/>. No store class is touched, and a command costs one small record while
/// the histogram is listened to; nothing at all otherwise (no session is handed out).
/// </summary>
internal sealed class RedisCallMetrics(IEnumerable<IConnectionMultiplexer> connections, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan DrainInterval = TimeSpan.FromSeconds(2);

    private readonly ProfilingSession _session = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var redis = connections.FirstOrDefault();
        if (redis is null)
        {
            return;
        }

        redis.RegisterProfiler(() => AtotiAuthMetrics.RedisDuration.Enabled ? _session : null);
        using var timer = new PeriodicTimer(DrainInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Drain();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Drain();
        }
    }

    internal void Drain()
    {
        foreach (var command in _session.FinishProfiling())
        {
            AtotiAuthMetrics.RedisDuration.Record(command.ElapsedTime.TotalSeconds, new KeyValuePair<string, object?>("command", command.Command));
        }
    }
}
