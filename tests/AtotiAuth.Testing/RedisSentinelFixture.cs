using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Testing;

/// <summary>
/// One primary, one replica and three Sentinels (quorum 2, a primary counted down after 1 s), from the
/// Redis topology test image (tests/containers/redis-topology/redis-sentinels). Starts once the replica is in sync and
/// every Sentinel knows the other two.
/// </summary>
public sealed class RedisSentinelFixture : RedisTopologyFixture
{
    /// <summary>The service name the Sentinels watch.</summary>
    public const string ServiceName = "mymaster";

    private IContainer? _primary;
    private IContainer? _replica;
    private IContainer? _sentinels;

    /// <summary>The primary at start (<see cref="RedisTopologyFixture.KillAsync"/> it for a failover).</summary>
    public IContainer Primary => _primary ?? throw new InvalidOperationException(UnavailableReason ?? "Not started.");

    /// <summary>The replica at start.</summary>
    public IContainer Replica => _replica ?? throw new InvalidOperationException(UnavailableReason ?? "Not started.");

    /// <summary>The container running the three Sentinels.</summary>
    public IContainer Sentinels => _sentinels ?? throw new InvalidOperationException(UnavailableReason ?? "Not started.");

    /// <inheritdoc />
    public override string ConnectionString =>
        $"{Sentinels.IpAddress}:26379,{Sentinels.IpAddress}:26380,{Sentinels.IpAddress}:26381,serviceName={ServiceName}";

    /// <summary>The primary the Sentinels name now, as <c>ip:port</c>.</summary>
    public async Task<string> CurrentPrimaryAsync(CancellationToken cancellationToken = default)
    {
        var lines = (await RedisCliAsync(Sentinels, cancellationToken, "-p", "26379", "sentinel", "get-master-addr-by-name", ServiceName))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 2 ? $"{lines[0]}:{lines[1]}" : string.Empty;
    }

    /// <summary>
    /// Starts a new replica of <paramref name="primary"/> (<c>ip:port</c>), as Kubernetes replaces a lost
    /// pod; returns once it is in sync. The Sentinels find it through the primary.
    /// </summary>
    public async Task<IContainer> StartReplicaAsync(string primary, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(primary);
        var separator = primary.LastIndexOf(':');
        var replica = await StartContainerAsync(
            Redis("redis-server", "--protected-mode", "no", "--save", "", "--appendonly", "no", "--replicaof", primary[..separator], primary[(separator + 1)..]),
            cancellationToken);
        while (!(await RedisCliAsync(replica, cancellationToken, "info", "replication")).Contains("master_link_status:up", StringComparison.Ordinal))
        {
            await Task.Delay(100, cancellationToken);
        }

        return replica;
    }

    /// <inheritdoc />
    protected override async Task StartAsync(CancellationToken cancellationToken)
    {
        _primary = await StartContainerAsync(Redis(), cancellationToken);
        _replica = await StartContainerAsync(
            Redis("redis-server", "--protected-mode", "no", "--save", "", "--appendonly", "no", "--replicaof", _primary.IpAddress, "6379"),
            cancellationToken);
        _sentinels = await StartContainerAsync(
            new ContainerBuilder(TestImages.RedisTopology)
                .WithCommand("redis-sentinels", _primary.IpAddress)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Sentinels ready"))
                .Build(),
            cancellationToken);
        while (!(await RedisCliAsync(_primary, cancellationToken, "info", "replication")).Contains("connected_slaves:1", StringComparison.Ordinal)
            || !(await RedisCliAsync(_replica, cancellationToken, "info", "replication")).Contains("master_link_status:up", StringComparison.Ordinal))
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    private static IContainer Redis(params string[] command)
    {
        var builder = new ContainerBuilder(TestImages.RedisTopology)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Ready to accept connections"));
        return (command.Length == 0 ? builder : builder.WithCommand(command)).Build();
    }
}
