using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testing;

/// <summary>
/// A Redis Cluster of three primaries with one replica each, in one container of the Redis topology test
/// image (tests/containers/redis-topology/redis-cluster, ports 7000–7005). Starts once every slot is served.
/// </summary>
public sealed class RedisClusterFixture : RedisTopologyFixture
{
    private IContainer? _cluster;

    /// <summary>The container running the six nodes.</summary>
    public IContainer Cluster => _cluster ?? throw new InvalidOperationException(UnavailableReason ?? "Not started.");

    /// <inheritdoc />
    public override string ConnectionString =>
        string.Join(',', Enumerable.Range(7000, 6).Select(port => string.Create(CultureInfo.InvariantCulture, $"{Cluster.IpAddress}:{port}")));

    /// <inheritdoc />
    protected override async Task StartAsync(CancellationToken cancellationToken) =>
        _cluster = await StartContainerAsync(
            new ContainerBuilder(TestImages.RedisTopology)
                .WithCommand("redis-cluster")
                .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Cluster ready"))
                .Build(),
            cancellationToken);
}
