using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Readiness: Redis does not refuse the revocation subscription (a user without the channel, issue 21).
/// An outage is not reported here: the checks ask the store meanwhile, and the Redis check reports it.
/// </summary>
internal sealed class RevocationFeedHealthCheck(RevocationCacheSubscriber subscriber) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(subscriber.Refusal is { } refusal
            ? HealthCheckResult.Unhealthy($"Subscribing to revocations: {refusal}")
            : HealthCheckResult.Healthy());
}
