using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store;

/// <summary>
/// Readiness: Redis answers, and lets this service's user do what the service needs
/// (<see cref="RedisAccessProbe"/>). A missing permission fails readiness with its name, logged once per
/// change, instead of failing requests later (issue 21).
/// </summary>
internal sealed partial class RedisHealthCheck(
    IConnectionMultiplexer redis,
    RedisAccessProbe access,
    IOptions<StoreOptions> options,
    ILogger<RedisHealthCheck> logger) : IHealthCheck
{
    private string? _lastRefusal;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            var refused = await access.FindRefusedAsync();
            if (refused.Count == 0)
            {
                Interlocked.Exchange(ref _lastRefusal, null);
                return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:F1} ms.");
            }

            var user = string.IsNullOrEmpty(options.Value.User) ? "default" : options.Value.User;
            var description = $"Redis user '{user}' lacks what this service needs: {string.Join("; ", refused)}. Grant it in deploy/k8s/base/redis/atotiauth.acl (docs/redis.md).";
            if (Interlocked.Exchange(ref _lastRefusal, description) != description)
            {
                LogRefused(logger, description);
            }

            return HealthCheckResult.Unhealthy(description);
        }
        catch (RedisServerException ex) when (RedisFailures.IsRefused(ex))
        {
            return HealthCheckResult.Unhealthy($"Redis refused this service's user: {ex.Message.Split('\n')[0].Trim()}", ex);
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

    [LoggerMessage(EventId = 2401, Level = LogLevel.Error, Message = "Not ready: {Description}")]
    private static partial void LogRefused(ILogger logger, string description);
}
