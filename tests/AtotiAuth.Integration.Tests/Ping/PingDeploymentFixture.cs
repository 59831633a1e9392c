using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Ping;

/// <summary>One <see cref="PingDeployment"/> per test class, on the assembly's Redis (skipped where Docker is missing).</summary>
public sealed class PingDeploymentFixture(RedisFixture redis) : IAsyncLifetime
{
    private PingDeployment? _deployment;

    public RedisFixture Redis => redis;

    public PingDeployment Deployment
    {
        get
        {
            redis.EnsureAvailable();
            return _deployment ?? throw new InvalidOperationException("The stack did not start.");
        }
    }

    public ValueTask InitializeAsync()
    {
        if (redis.UnavailableReason is null)
        {
            _deployment = PingDeployment.Start(redis.ConnectionString);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_deployment is not null)
        {
            await _deployment.DisposeAsync();
        }
    }
}
