using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Ping;

/// <summary>One <see cref="PingDeployment"/> per test class, on the assembly's Redis (skipped where Docker is missing).</summary>
public sealed class PingDeploymentFixture(RedisFixture redis) : IAsyncLifetime
{
    private PingDeployment? _stack;

    public RedisFixture Redis => redis;

    public PingDeployment Stack
    {
        get
        {
            redis.EnsureAvailable();
            return _stack ?? throw new InvalidOperationException("The stack did not start.");
        }
    }

    public ValueTask InitializeAsync()
    {
        if (redis.UnavailableReason is null)
        {
            _stack = PingDeployment.Start(redis.ConnectionString);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
