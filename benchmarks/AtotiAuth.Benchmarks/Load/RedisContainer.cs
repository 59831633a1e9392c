namespace AtotiAuth.Benchmarks.Load;

/// <summary>A Redis container (the test image) published on a loopback port only.</summary>
internal sealed class RedisContainer : IAsyncDisposable
{
    private readonly string _id;

    private RedisContainer(string id, int port)
    {
        _id = id;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    public static async Task<RedisContainer> StartAsync(string image = "atotiauth/test-redis:dev")
    {
        var port = Ports.Next();
        var id = (await Docker($"run -d --rm -p 127.0.0.1:{port}:6379 {image}")).Trim();
        for (var i = 0; i < 100; i++)
        {
            var pong = await Docker($"exec {id} redis-cli ping", allowFailure: true);
            if (pong.Trim() == "PONG")
            {
                return new RedisContainer(id, port);
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("Redis did not answer.");
    }

    /// <summary>Memory Redis reports as used by data (<c>used_memory</c>), in bytes.</summary>
    public async Task<long> UsedMemoryAsync()
    {
        var info = await Docker($"exec {_id} redis-cli info memory");
        var line = info.Split('\n').First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line["used_memory:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await Docker($"rm -f {_id}", allowFailure: true);

    private static Task<string> Docker(string arguments, bool allowFailure = false) => DockerCli.RunAsync(arguments, allowFailure);
}
