using System.Globalization;
using System.Net.Sockets;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// A Redis container (the test image) on a loopback port. With host networking where the engine
/// allows it (Redis bound to 127.0.0.1 on a free port): a pod reaches its Redis without Docker's
/// userland proxy, which adds about 70 µs per round trip here. Otherwise, or with
/// <c>ATOTIAUTH_BENCH_REDIS_NETWORK=published</c>, published on a loopback port.
/// </summary>
internal sealed class RedisContainer : IAsyncDisposable
{
    public const string Image = "atotiauth/test-redis:dev";

    private readonly string _id;
    private readonly int _cliPort;

    private RedisContainer(string id, int port, int cliPort, bool hostNetwork)
    {
        _id = id;
        _cliPort = cliPort;
        Port = port;
        HostNetwork = hostNetwork;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    public int Port { get; }

    public bool HostNetwork { get; }

    /// <summary>How the harness reaches this Redis, for the reports.</summary>
    public string Networking => HostNetwork
        ? "Redis in a container with host networking, bound to 127.0.0.1 (no userland proxy)"
        : "Redis in a container published on a loopback port (through Docker's userland proxy)";

    public static async Task<RedisContainer> StartAsync()
    {
        var forced = Environment.GetEnvironmentVariable("ATOTIAUTH_BENCH_REDIS_NETWORK");
        if (!string.Equals(forced, "published", StringComparison.OrdinalIgnoreCase))
        {
            var port = Ports.Next();
            var id = await DockerCli.StartContainerAsync("redis", $"--network host {Image} " +
                $"redis-server --bind 127.0.0.1 --port {port} --protected-mode no --save \"\" --appendonly no --daemonize no --loglevel warning");
            var redis = new RedisContainer(id, port, port, hostNetwork: true);
            if (await redis.WaitAsync(reachableFromHost: true))
            {
                return redis;
            }

            // Docker Desktop's "host" is its VM: nothing listens on this machine's loopback.
            Console.WriteLine("bench: Redis with host networking is not reachable from this host; publishing a port instead");
            await redis.DisposeAsync();
        }

        var published = Ports.Next();
        var container = await DockerCli.StartContainerAsync("redis", $"-p 127.0.0.1:{published}:6379 {Image}");
        var fallback = new RedisContainer(container, published, 6379, hostNetwork: false);
        return await fallback.WaitAsync(reachableFromHost: true)
            ? fallback
            : throw new InvalidOperationException("Redis did not answer.");
    }

    /// <summary>Memory Redis reports as used by data (<c>used_memory</c>), in bytes.</summary>
    public async Task<long> UsedMemoryAsync()
    {
        var info = await CliAsync("info memory");
        var line = info.Split('\n').First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line["used_memory:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>One redis-cli command inside the container; its output.</summary>
    public Task<string> CliAsync(string command, bool allowFailure = false) =>
        DockerCli.RunAsync($"exec {_id} redis-cli -p {_cliPort} {command}", allowFailure);

    public async ValueTask DisposeAsync() => await DockerCli.RunAsync($"rm -f {_id}", allowFailure: true);

    private async Task<bool> WaitAsync(bool reachableFromHost)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await CliAsync("ping", allowFailure: true)).Trim() == "PONG")
            {
                return !reachableFromHost || await ReachableAsync();
            }

            await Task.Delay(100);
        }

        return false;
    }

    private async Task<bool> ReachableAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
