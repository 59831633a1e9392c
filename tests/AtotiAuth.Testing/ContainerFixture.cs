using DotNet.Testcontainers.Containers;
using Xunit;

namespace AtotiAuth.Testing;

/// <summary>
/// A real dependency in a container, started once per test assembly. Where no Docker engine can be
/// reached the tests that need it are reported as skipped with the reason, never as passed; where the
/// run requires containers (<c>ATOTIAUTH_REQUIRE_CONTAINERS=1</c>, set by CI) they fail instead.
/// </summary>
public abstract class ContainerFixture : IAsyncLifetime
{
    private IContainer? _container;

    /// <summary>Why the container could not start, when it could not and the run allows skipping.</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>The running container.</summary>
    public IContainer Container => _container ?? throw new InvalidOperationException(UnavailableReason ?? "Container not started.");

    /// <summary>Host name to reach the container's mapped ports from the tests.</summary>
    public string Host => Container.Hostname;

    /// <summary>Skips the calling test when the container is unavailable (and skipping is allowed).</summary>
    public void EnsureAvailable()
    {
        if (UnavailableReason is not null)
        {
            Assert.Skip(UnavailableReason);
        }
    }

    /// <summary>The image the container runs (built by scripts/build-test-images.sh).</summary>
    protected abstract string Image { get; }

    /// <summary>Builds the container definition.</summary>
    protected abstract IContainer Build();

    /// <summary>Runs after the container started, e.g. to seed it.</summary>
    protected virtual ValueTask OnStartedAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var unavailable = DockerEnvironment.UnavailableReason() ?? DockerEnvironment.MissingImageReason(Image);
        if (unavailable is not null)
        {
            Fail(unavailable);
            return;
        }

        _container = Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _container.StartAsync(timeout.Token);
        await OnStartedAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        await DisposeFilesAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees what the fixture made besides its container (files, certificates).</summary>
    protected virtual ValueTask DisposeFilesAsync() => ValueTask.CompletedTask;

    private void Fail(string reason)
    {
        if (DockerEnvironment.ContainersRequired)
        {
            throw new InvalidOperationException($"Containers are required in this run (ATOTIAUTH_REQUIRE_CONTAINERS=1): {reason}");
        }

        UnavailableReason = reason;
    }
}
