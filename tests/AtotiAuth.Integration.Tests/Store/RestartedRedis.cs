using AtotiAuth.Testing;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Integration.Tests.Store;

/// <summary>
/// A Redis of the test's own at a fixed host port (so its address survives a restart), with AOF
/// persistence on its data folder or none, as the base manifest ran it before issue 21.
/// </summary>
public sealed class RestartedRedis : IAsyncDisposable
{
    private readonly IContainer _container;

    private RestartedRedis(bool persistent)
    {
        Port = FreePort.Next();
        string[] persistence = persistent
            ? ["--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", "/var/lib/redis"]
            : ["--appendonly", "no", "--save", ""];
        _container = new ContainerBuilder(TestImages.Redis)
            .WithPortBinding(Port, 6379)
            .WithCommand(["redis-server", "--bind", "0.0.0.0", "--port", "6379", "--protected-mode", "no", .. persistence])
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Ready to accept connections"))
            .Build();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RestartedRedis> StartAsync(bool persistent, CancellationToken cancellationToken)
    {
        var redis = new RestartedRedis(persistent);
        await redis._container.StartAsync(cancellationToken);
        return redis;
    }

    /// <summary>Stops Redis (<c>docker stop</c>: it writes its AOF and exits); connections to its port are refused meanwhile.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _container.StopAsync(cancellationToken);

    /// <summary>Starts the same container again: with persistence it reloads its data, without it comes back empty.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken) => _container.StartAsync(cancellationToken);

    /// <summary>Empties Redis without a restart (<c>FLUSHALL</c>): no connection notices.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var result = await _container.ExecAsync(["redis-cli", "flushall"], cancellationToken);
        if (result.ExitCode != 0 || !result.Stdout.Contains("OK", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"FLUSHALL failed: {result.Stdout} {result.Stderr}");
        }
    }

    /// <summary>
    /// Waits until the basic user is in the store (<c>HEXISTS {keyPrefix}users</c>) and the identity
    /// service has written the generation marker after seeding it, at most <paramref name="bound"/>.
    /// </summary>
    public async Task WaitForUserAsync(string keyPrefix, string userName, TimeSpan bound, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await _container.ExecAsync(["redis-cli", "hexists", $"{keyPrefix}users", userName], cancellationToken)).Stdout.Trim() != "1"
            || (await _container.ExecAsync(["redis-cli", "exists", $"{keyPrefix}generation"], cancellationToken)).Stdout.Trim() != "1")
        {
            if (clock.Elapsed > bound)
            {
                throw new TimeoutException($"The basic user {userName} was not in the store after {bound}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
