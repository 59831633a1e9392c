using System.Diagnostics;
using DotNet.Testcontainers.Containers;
using Xunit;

namespace AtotiAuth.Testing;

/// <summary>
/// Several Redis containers that make one store (Sentinel, Cluster), from the Redis topology test image, reached
/// by their container addresses (the Docker host routes to them on Linux; Sentinel and the cluster
/// announce those addresses, so no port mapping would do). Skipped or failed as <see cref="ContainerFixture"/> is.
/// </summary>
public abstract class RedisTopologyFixture : IAsyncLifetime
{
    private readonly List<IContainer> _containers = [];

    /// <summary>Why the topology could not start, when it could not and the run allows skipping.</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>StackExchange.Redis connection string to the whole topology.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Skips the calling test when the topology is unavailable (and skipping is allowed).</summary>
    public void EnsureAvailable()
    {
        if (UnavailableReason is not null)
        {
            Assert.Skip(UnavailableReason);
        }
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var unavailable = DockerEnvironment.UnavailableReason() ?? DockerEnvironment.MissingImageReason(TestImages.RedisTopology);
        if (unavailable is not null)
        {
            if (DockerEnvironment.ContainersRequired)
            {
                throw new InvalidOperationException($"Containers are required in this run (ATOTIAUTH_REQUIRE_CONTAINERS=1): {unavailable}");
            }

            UnavailableReason = unavailable;
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await StartAsync(timeout.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var container in Enumerable.Reverse(_containers))
        {
            await container.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the containers (each through <see cref="StartContainerAsync"/>).</summary>
    protected abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Starts a container and disposes it with the fixture.</summary>
    protected async Task<IContainer> StartContainerAsync(IContainer container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        _containers.Add(container);
        await container.StartAsync(cancellationToken);
        return container;
    }

    /// <summary>Runs <c>redis-cli</c> in <paramref name="container"/> and returns its output.</summary>
    protected static async Task<string> RedisCliAsync(IContainer container, CancellationToken cancellationToken, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(container);
        var result = await container.ExecAsync(["redis-cli", .. arguments], cancellationToken);
        return result.Stdout;
    }

    /// <summary>Sends SIGKILL to a container (<c>docker kill</c>): a crash, not a shutdown.</summary>
    public static async Task KillAsync(IContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        using var process = Process.Start(new ProcessStartInfo("docker", $"kill {container.Id}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker kill {container.Id} failed: {error.Trim()}");
        }
    }
}
