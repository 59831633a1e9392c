using System.Globalization;
using System.Net;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// What the Prometheus metrics cost the sidecar (issue 16: "under 3 %" on ping and the proxy): two more
/// sidecars in front of the deployment's cube, alike but for <c>AtotiAuth:Metrics:Enabled</c>, loaded
/// with ping and the proxied GET in back-to-back pairs whose order alternates, judged by the median pair.
/// While the metrics side is loaded its <c>/metrics</c> is scraped every few seconds, as Prometheus
/// does, so the exporter's work is in its figures; every scrape must carry the sidecar's request counter.
/// </summary>
internal static class MetricsCostScenario
{
    public const string PingOn = "GET /ping (sidecar, metrics on and scraped)";
    public const string PingOff = "GET /ping (sidecar, metrics off)";
    public const string ProxiedOn = "GET /api/whoami through the sidecar (metrics on and scraped)";
    public const string ProxiedOff = "GET /api/whoami through the sidecar (metrics off)";
    public const string ProxiedControl = "GET /api/whoami through a second sidecar with metrics off (control)";

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
        await using var control = await StartSidecarAsync(run, stack, "bench-metrics-control", Ports.Next(), enabled: false);
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
        var scraper = new MetricsScraper(scrape, run.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5));
        var pairs = run.Quick ? 2 : 8;
        var duration = run.Quick ? run.Settings.Duration : run.Settings.Duration / 2;
        var ping = await CompareAsync(run, scraper, pairs, duration,
            new(PingOn, new WrkRequest(new Uri(on.Url, "/ping"), bearer), on),
            new(PingOff, new WrkRequest(new Uri(off.Url, "/ping"), bearer), off));
        var proxied = await CompareAsync(run, scraper, pairs, duration,
            new(ProxiedOn, new WrkRequest(new Uri(on.Url, "/api/whoami"), bearer), on),
            new(ProxiedOff, new WrkRequest(new Uri(off.Url, "/api/whoami"), bearer), off));
        // The control: two sidecars alike in everything, so what they differ by is the two processes' own bias.
        var sameAsSame = await CompareAsync(run, null, pairs, duration,
            new(ProxiedControl, new WrkRequest(new Uri(control.Url, "/api/whoami"), bearer), control),
            new(ProxiedOff, new WrkRequest(new Uri(off.Url, "/api/whoami"), bearer), off));
        foreach (var side in new[] { ping.On, ping.Off, proxied.On, proxied.Off })
        {
            run.Add(side);
        }

        scraper.Check(run);
        Judge(run, "Prometheus metrics on GET /ping (sidecar)", ping);
        Judge(run, "Prometheus metrics on the proxied GET (sidecar)", proxied);
        var (controlThroughput, controlCpu) = sameAsSame.MedianCost;
        run.Target("proxied GET, two sidecars both without metrics (control for the row above)", "none set (the bias between two processes)",
            string.Create(CultureInfo.InvariantCulture, $"{controlThroughput:P1} req/s, {controlCpu:P1} CPU/req (medians of {pairs} pairs)"), null);
        var inv = CultureInfo.InvariantCulture;
        run.AddSection("load", string.Create(inv,
            $"Metrics on and off: two more sidecars alike but for `AtotiAuth:Metrics:Enabled`, {pairs} pairs of {duration.TotalSeconds:F0} s wrk runs per path, " +
            $"the two sides back to back in alternating order (on-off, off-on); the cost is the median over the pairs, which a machine's drift over minutes does not move. " +
            $"The metrics side's `/metrics` scraped every {scraper.Interval.TotalSeconds:F0} s while it was loaded ({scraper.Count} scrapes, {RequestCounter} {scraper.First:F0} → {scraper.Last:F0}). " +
            $"Cost (loss of requests/s; more CPU per request), per pair: ping {Pairs(ping)}; proxied GET {Pairs(proxied)}; control (both off) {Pairs(sameAsSame)}."));
    }

    /// <summary>Loads the two sides of one path in pairs, back to back, the order alternating.</summary>
    private static async Task<Comparison> CompareAsync(LoadRun run, MetricsScraper? scraper, int pairs, TimeSpan duration, Path on, Path off)
    {
        var onRuns = new List<LoadResult>();
        var offRuns = new List<LoadResult>();
        for (var pair = 0; pair < pairs; pair++)
        {
            // The first pair warms each side up fully (the JIT's final tier); later ones only open connections.
            var warmup = pair == 0 ? run.Settings.Warmup : TimeSpan.FromSeconds(1);
            foreach (var side in pair % 2 == 0 ? [on, off] : new[] { off, on })
            {
                var result = await MeasureAsync(run, side, warmup, duration, side == on ? scraper : null);
                (side == on ? onRuns : offRuns).Add(result);
            }
        }

        return new Comparison(ProxyPeersScenario.Mean(on.Name, onRuns), ProxyPeersScenario.Mean(off.Name, offRuns), onRuns, offRuns);
    }

    private static Task<ServiceProcess> StartSidecarAsync(LoadRun run, ServiceStack stack, string cubeId, int metricsPort, bool enabled)
    {
        var environment = ServiceStack.SidecarEnvironment(stack.Cube.Url, stack.Issuer, cubeId, cubeId.ToUpperInvariant().Replace('-', '_'));
        environment["AtotiAuth__Metrics__Enabled"] = enabled ? "true" : "false";
        environment["AtotiAuth__Metrics__Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        return ServiceStack.StartServiceAsync(run, "services/ping", "AtotiAuth.Ping", environment, extraPort: metricsPort);
    }

    private static async Task<LoadResult> MeasureAsync(LoadRun run, Path path, TimeSpan warmup, TimeSpan duration, MetricsScraper? scraper)
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
        var result = await Wrk.DriveAsync(path.Request, duration, run.Settings, path.Name);
        var cpu = path.Server.CpuTime() - before;
        await scraping.CancelAsync();
        await scrapes;
        return result.RequestsPerSecond == 0 ? result : result with { ServerCpuMsPerRequest = cpu.TotalMilliseconds / (result.RequestsPerSecond * result.Seconds) };
    }

    /// <summary>One target row: the larger of the two median costs (requests/s lost, CPU per request added) must stay under 3 %.</summary>
    private static void Judge(LoadRun run, string subject, Comparison comparison)
    {
        var (throughput, cpu) = comparison.MedianCost;
        var (on, off) = (comparison.On, comparison.Off);
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"{throughput:P1} req/s, {cpu:P1} CPU/req (medians of {comparison.OnRuns.Count} pairs; means {on.RequestsPerSecond:F0} vs {off.RequestsPerSecond:F0} req/s, {on.ServerCpuMsPerRequest:F3} vs {off.ServerCpuMsPerRequest:F3} ms)");
        run.Target(subject, "cost < 3 % (req/s and CPU per request, metrics on and scraped vs off, same run)", measured, throughput < Limit && cpu < Limit);
    }

    private static string Pairs(Comparison comparison) => string.Join(", ", comparison.Costs.Select(static c =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Throughput:P1}; {c.Cpu:P1}")));

    private sealed record Path(string Name, WrkRequest Request, ServiceProcess Server);

    private sealed record Comparison(LoadResult On, LoadResult Off, List<LoadResult> OnRuns, List<LoadResult> OffRuns)
    {
        /// <summary>Per pair: the requests/s the metrics side lost, and the CPU per request it added.</summary>
        public IReadOnlyList<(double Throughput, double Cpu)> Costs { get; } = OnRuns.Zip(OffRuns, static (on, off) => (
            1 - (on.RequestsPerSecond / off.RequestsPerSecond),
            on.ServerCpuMsPerRequest is { } onCpu && off.ServerCpuMsPerRequest is { } offCpu ? (onCpu / offCpu) - 1 : double.NaN)).ToList();

        public (double Throughput, double Cpu) MedianCost => (Median(Costs.Select(static c => c.Throughput)), Median(Costs.Select(static c => c.Cpu)));

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}
