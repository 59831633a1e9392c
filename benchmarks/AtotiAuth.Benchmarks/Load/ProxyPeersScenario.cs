using System.Globalization;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// A small proxied GET through the sidecar (Bearer JWT, cached), beside its peers in front of the same
/// cube in the same run: a bare YARP forwarder (same YARP, same client settings, no authentication),
/// nginx (one worker, keep-alive upstream), and the cube itself. The four alternate, in rounds whose
/// order rotates, so that a drift of the machine lands on all of them; each row is the mean of its rounds.
/// </summary>
internal static class ProxyPeersScenario
{
    public const string Sidecar = "GET /api/whoami through the sidecar (Bearer JWT)";
    public const string Yarp = "GET /api/whoami through a bare YARP forwarder (peer)";
    public const string Nginx = "GET /api/whoami through nginx (peer)";
    public const string Direct = "GET /api/whoami straight to the cube";

    public static async Task RunAsync(LoadRun run, ServiceStack stack, string jwt)
    {
        await using var yarp = await YarpPeer.StartAsync(run, stack.Cube.Url);
        await using var nginx = await NginxPeer.StartAsync(stack.Cube.Url);
        var sidecar = stack.Sidecars[0];
        if (run.Options.Wants("websocket"))
        {
            await WebSocketScenario.RunAsync(run, stack, jwt, yarp.Url, nginx.Url);
        }

        if (!run.Options.Wants("proxied"))
        {
            return;
        }

        // The peers and the cube get the request the sidecar sends on (its identity headers included),
        // so that every path carries the same bytes and only the sidecar's own work differs.
        var asForwarded = GatewayScenarios.DirectWhoAmI(stack.Cube.Url, jwt);
        Path[] paths =
        [
            new(Sidecar, new WrkRequest(new Uri(sidecar.Url, "/api/whoami"), new Dictionary<string, string> { ["Authorization"] = "Bearer " + jwt }), sidecar.CpuTime),
            new(Yarp, asForwarded with { Url = new Uri(yarp.Url, "/api/whoami") }, yarp.CpuTime),
            new(Nginx, asForwarded with { Url = new Uri(nginx.Url, "/api/whoami") }, nginx.CpuTime),
            new(Direct, asForwarded, stack.Cube.CpuTime),
        ];

        var rounds = run.Quick ? 1 : 3;
        var measured = paths.ToDictionary(static p => p.Name, static _ => new List<LoadResult>(), StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < paths.Length; i++)
            {
                var path = paths[(i + round) % paths.Length];
                measured[path.Name].Add(await MeasureAsync(run, path));
            }
        }

        var results = paths.Select(p => run.Add(Mean(p.Name, measured[p.Name]))).ToDictionary(static r => r.Name, StringComparer.Ordinal);

        // With --profile (or a missed target), the sidecar and its YARP peer are recorded under the same load, for comparison.
        foreach (var (path, server) in new[] { (paths[0], sidecar), (paths[1], yarp) })
        {
            var target = new ProfileTarget(server, _ => Task.FromResult<Func<TimeSpan, Task<double?>>>(async window =>
                (await Wrk.DriveAsync(path.Request, window, run.Settings)).RequestsPerSecond));
            run.Profilable[path.Name] = target;
            await run.ProfileNowAsync(path.Name, target);
        }
        run.RatioTarget(results[Sidecar], results[Yarp], 0.85, "a bare YARP forwarder (same run)");
        run.Target(Sidecar, "p99 < 10 ms at 32 connections", GatewayScenarios.Ms(results[Sidecar].P99Ms), results[Sidecar].P99Ms < 10);
        var inv = CultureInfo.InvariantCulture;
        run.AddSection("load", string.Create(inv,
            $"Proxied GET and its peers: {rounds} alternated round(s) of wrk per path, order rotated each round; each row above is the mean of its rounds " +
            $"(requests/s per round: {string.Join("; ", paths.Select(p => $"{Short(p.Name)} {string.Join('/', measured[p.Name].Select(static r => r.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture)))}"))})."));
    }

    private static async Task<LoadResult> MeasureAsync(LoadRun run, Path path)
    {
        var status = await BenchHttp.StatusAsync(path.Request);
        if (status != System.Net.HttpStatusCode.OK)
        {
            run.Failures.Add($"{path.Name}: answered {(int)status}, expected 200");
            return new LoadResult(path.Name, 0, 0, 0, 0, 1);
        }

        Console.WriteLine($"load: {path.Name}");
        await Wrk.DriveAsync(path.Request, run.Settings.Warmup, run.Settings);
        var before = path.Cpu();
        var result = await Wrk.DriveAsync(path.Request, run.Settings.Duration, run.Settings, path.Name);
        var cpu = path.Cpu() - before;
        return result.RequestsPerSecond == 0 ? result : result with { ServerCpuMsPerRequest = cpu.TotalMilliseconds / (result.RequestsPerSecond * result.Seconds) };
    }

    /// <summary>The mean of a path's rounds, as one row.</summary>
    internal static LoadResult Mean(string name, List<LoadResult> rounds) => new(
        name,
        rounds.Average(static r => r.RequestsPerSecond),
        rounds.Average(static r => r.P50Ms),
        rounds.Average(static r => r.P99Ms),
        rounds.Average(static r => r.P999Ms),
        rounds.Sum(static r => r.Failures),
        rounds.All(static r => r.ServerCpuMsPerRequest is not null) ? rounds.Average(static r => r.ServerCpuMsPerRequest!.Value) : null,
        rounds.Sum(static r => r.Seconds),
        rounds.Sum(static r => r.SocketErrors));

    private static string Short(string name) => name.Replace("GET /api/whoami ", string.Empty, StringComparison.Ordinal);

    private sealed record Path(string Name, WrkRequest Request, Func<TimeSpan> Cpu);
}
