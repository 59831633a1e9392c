using System.Globalization;
using System.Net;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// What the Prometheus metrics cost the sidecar (issue 16: "under 3 %" on ping and the proxy): two more
/// sidecars in front of the deployment's cube, alike but for <c>AtotiAuth:Metrics:Enabled</c>, loaded
/// with ping and the proxied GET in alternated rounds whose order rotates, as the proxied peers are.
/// While the metrics side is loaded its <c>/metrics</c> is scraped every few seconds, as Prometheus
/// does, so the exporter's work is in its figures; every scrape must carry the sidecar's request counter.
/// </summary>
internal static class MetricsCostScenario
{
    public const string PingOn = "GET /ping (sidecar, metrics on and scraped)";
    public const string PingOff = "GET /ping (sidecar, metrics off)";
    public const string ProxiedOn = "GET /api/whoami through the sidecar (metrics on and scraped)";
    public const string ProxiedOff = "GET /api/whoami through the sidecar (metrics off)";

    /// <summary>The sidecar's request counter as the OpenTelemetry exporter names it (Prometheus conventions).</summary>
    public const string RequestCounter = "atotiauth_sidecar_requests_total";

    private const double Limit = 0.03;

    public static async Task RunAsync(LoadRun run, ServiceStack stack)
    {
        var cookie = await BenchHttp.LoginAsync(stack.Identity.Url, ServiceStack.UserName, ServiceStack.UserPassword);
        var jwt = await BenchHttp.JwtAsync(stack.Token.Url, cookie);
        var metricsPort = Ports.Next();
        var offPort = Ports.Next();
        await using var on = await StartSidecarAsync(run, stack, "bench-metrics-on", metricsPort, enabled: true);
        await using var off = await StartSidecarAsync(run, stack, "bench-metrics-off", offPort, enabled: false);
        var scrape = new Uri($"http://127.0.0.1:{metricsPort}/metrics");
        // Off, the path is no endpoint of the sidecar's own: it goes the way of any other path (to the proxy, which wants a JWT).
        using (var offScrape = await BenchHttp.Client.GetAsync(new Uri($"http://127.0.0.1:{offPort}/metrics")))
        {
            if (MetricsScraper.Sum(await offScrape.Content.ReadAsStringAsync(), RequestCounter) is not null)
            {
                run.Failures.Add($"metrics: the sidecar with AtotiAuth:Metrics:Enabled=false served its counters ({(int)offScrape.StatusCode})");
            }
        }

        var bearer = new Dictionary<string, string> { ["Authorization"] = "Bearer " + jwt };
        Path[] paths =
        [
            new(PingOn, new WrkRequest(new Uri(on.Url, "/ping"), bearer), on),
            new(PingOff, new WrkRequest(new Uri(off.Url, "/ping"), bearer), off),
            new(ProxiedOn, new WrkRequest(new Uri(on.Url, "/api/whoami"), bearer), on),
            new(ProxiedOff, new WrkRequest(new Uri(off.Url, "/api/whoami"), bearer), off),
        ];

        var scraper = new MetricsScraper(scrape, run.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5));
        var rounds = run.Quick ? 2 : 4;
        var measured = paths.ToDictionary(static p => p.Name, static _ => new List<LoadResult>(), StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < paths.Length; i++)
            {
                var path = paths[(i + round) % paths.Length];
                // The first round warms each path up fully (the JIT's final tier); later ones only open connections.
                var warmup = round == 0 ? run.Settings.Warmup : TimeSpan.FromSeconds(2);
                measured[path.Name].Add(await MeasureAsync(run, path, warmup, path.Server == on ? scraper : null));
            }
        }

        var results = paths.ToDictionary(p => p.Name, p => run.Add(ProxyPeersScenario.Mean(p.Name, measured[p.Name])), StringComparer.Ordinal);
        scraper.Check(run);
        var ping = Judge(run, "Prometheus metrics on GET /ping (sidecar)", results[PingOn], results[PingOff]);
        var proxied = Judge(run, "Prometheus metrics on the proxied GET (sidecar)", results[ProxiedOn], results[ProxiedOff]);
        var inv = CultureInfo.InvariantCulture;
        run.AddSection("load", string.Create(inv,
            $"Metrics on and off: two more sidecars alike but for `AtotiAuth:Metrics:Enabled`, {rounds} alternated round(s) of wrk per path, order rotated each round; " +
            $"the metrics side's `/metrics` scraped every {scraper.Interval.TotalSeconds:F0} s while it was loaded ({scraper.Count} scrapes, {RequestCounter} {scraper.First:F0} → {scraper.Last:F0}). " +
            $"Cost (loss of requests/s; more CPU per request): ping {ping.Throughput:P1}; {ping.Cpu:P1}, proxied GET {proxied.Throughput:P1}; {proxied.Cpu:P1} " +
            $"(requests/s per round: {string.Join("; ", paths.Select(p => $"{p.Name} {string.Join('/', measured[p.Name].Select(static r => r.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture)))}"))})."));
    }

    private static Task<ServiceProcess> StartSidecarAsync(LoadRun run, ServiceStack stack, string cubeId, int metricsPort, bool enabled)
    {
        var environment = ServiceStack.SidecarEnvironment(stack.Cube.Url, stack.Issuer, cubeId, cubeId.ToUpperInvariant().Replace('-', '_'));
        environment["AtotiAuth__Metrics__Enabled"] = enabled ? "true" : "false";
        environment["AtotiAuth__Metrics__Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        return ServiceStack.StartServiceAsync(run, "services/ping", "AtotiAuth.Ping", environment, extraPort: metricsPort);
    }

    private static async Task<LoadResult> MeasureAsync(LoadRun run, Path path, TimeSpan warmup, MetricsScraper? scraper)
    {
        var status = await BenchHttp.StatusAsync(path.Request);
        if (status != HttpStatusCode.OK)
        {
            run.Failures.Add($"{path.Name}: answered {(int)status}, expected 200");
            return new LoadResult(path.Name, 0, 0, 0, 0, 1);
        }

        Console.WriteLine($"load: {path.Name}");
        await Wrk.DriveAsync(path.Request, warmup, run.Settings);
        using var scraping = new CancellationTokenSource();
        var scrapes = scraper?.RunAsync(scraping.Token) ?? Task.CompletedTask;
        var before = path.Server.CpuTime();
        var result = await Wrk.DriveAsync(path.Request, run.Settings.Duration, run.Settings, path.Name);
        var cpu = path.Server.CpuTime() - before;
        await scraping.CancelAsync();
        await scrapes;
        return result.RequestsPerSecond == 0 ? result : result with { ServerCpuMsPerRequest = cpu.TotalMilliseconds / (result.RequestsPerSecond * result.Seconds) };
    }

    /// <summary>One target row: the larger of the two costs (requests/s lost, CPU per request added) must stay under 3 %.</summary>
    private static (double Throughput, double Cpu) Judge(LoadRun run, string subject, LoadResult on, LoadResult off)
    {
        var throughput = 1 - (on.RequestsPerSecond / off.RequestsPerSecond);
        var cpu = on.ServerCpuMsPerRequest is { } onCpu && off.ServerCpuMsPerRequest is { } offCpu ? (onCpu / offCpu) - 1 : double.NaN;
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"{throughput:P1} req/s ({on.RequestsPerSecond:F0} vs {off.RequestsPerSecond:F0}), {cpu:P1} CPU/req ({on.ServerCpuMsPerRequest:F3} vs {off.ServerCpuMsPerRequest:F3} ms)");
        run.Target(subject, "cost < 3 % (req/s and CPU per request, metrics on and scraped vs off, same run)", measured, throughput < Limit && cpu < Limit);
        return (throughput, cpu);
    }

    private sealed record Path(string Name, WrkRequest Request, ServiceProcess Server);
}
