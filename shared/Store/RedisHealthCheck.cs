using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store;

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy("Redis did not answer.", ex);
        }
        catch (TimeoutException ex)
        {
            return HealthCheckResult.Unhealthy("Redis did not answer in time.", ex);
        }
    }
}
