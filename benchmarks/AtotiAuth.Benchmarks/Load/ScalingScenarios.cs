using System.Globalization;
using System.Text;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// Requests per second with one core and with two: the service under test (constant endpoint, token
/// service, sidecar) is started again under <c>taskset -c</c>, so that the runtime sizes itself to those
/// cores. With one core it has CPU 1 and wrk is pinned to CPU 0; with two it has both and wrk shares them
/// (there is no third core). Everything else (Redis, the cube behind the sidecar) is not pinned.
/// </summary>
internal static class ScalingScenarios
{
    public const string Section = "scaling";

    public static async Task RunAsync(LoadRun run, ServiceStack stack)
    {
        if (Environment.ProcessorCount < 2)
        {
            run.AddSection(Section, "Scaling not measured: this machine has one core.");
            return;
        }

        var cookie = await BenchHttp.LoginAsync(stack.Identity.Url, ServiceStack.UserName, ServiceStack.UserPassword);
        var jwt = await BenchHttp.JwtAsync(stack.Token.Url, cookie);
        var placements = new[] { (Cores: 1, Cpus: "1", Wrk: (string?)"0"), (Cores: 2, Cpus: "0,1", Wrk: (string?)null) };
        var figures = new Dictionary<(string Scenario, int Cores), LoadResult>();
        foreach (var (cores, cpus, wrkCpus) in placements)
        {
            var settings = run.Settings with { WrkCpus = wrkCpus };
            await using var baseline = await ServiceProcess.StartAsync(LoadCommand.Built(run.Root, "benchmarks/AtotiAuth.Baseline", "AtotiAuth.Baseline"), new Dictionary<string, string>(), "/constant", cpus: cpus);
            var tokenPort = Ports.Next();
            await using var token = await ServiceStack.StartServiceAsync(run, "services/token", "AtotiAuth.Token",
                ServiceStack.TokenEnvironment($"http://127.0.0.1:{tokenPort}", stack.KeyDirectory), tokenPort, cpus);
            await using var sidecar = await ServiceStack.StartServiceAsync(run, "services/ping", "AtotiAuth.Ping",
                ServiceStack.SidecarEnvironment(stack.Cube.Url, stack.Issuer, $"bench-scaling-{cores}", $"BENCH_SCALING_{cores}"), cpus: cpus);
            var bearer = new Dictionary<string, string> { ["Authorization"] = "Bearer " + jwt };
            var scenarios = new (string Name, WrkRequest Request, ServiceProcess Server)[]
            {
                ("constant endpoint (baseline)", new WrkRequest(new Uri(baseline.Url, "/constant")), baseline),
                ("GET /jwt (session cookie)", new WrkRequest(new Uri(token.Url, "/jwt"), GatewayScenarios.Cookie(cookie)), token),
                ("GET /ping (Bearer JWT)", new WrkRequest(new Uri(sidecar.Url, "/ping"), bearer), sidecar),
                ("GET /api/whoami through the sidecar", new WrkRequest(new Uri(sidecar.Url, "/api/whoami"), bearer), sidecar),
            };
            foreach (var (name, request, server) in scenarios)
            {
                var status = await BenchHttp.StatusAsync(request);
                if (status != System.Net.HttpStatusCode.OK)
                {
                    run.Failures.Add($"scaling, {name} on {cores} core(s): answered {(int)status}; not loaded");
                    continue;
                }

                figures[(name, cores)] = run.Add(await Wrk.RunAsync($"{name}, service on {cores} core(s)", request, settings, server), Section);
            }
        }

        Render(run, figures);
    }

    private static void Render(LoadRun run, Dictionary<(string Scenario, int Cores), LoadResult> figures)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| scenario | 1 core req/s | 2 cores req/s | 2 cores / 1 core | p99 ms 1 / 2 cores | server CPU ms/req 1 / 2 cores |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var scenario in figures.Keys.Select(static k => k.Scenario).Distinct())
        {
            if (!figures.TryGetValue((scenario, 1), out var one) || !figures.TryGetValue((scenario, 2), out var two))
            {
                continue;
            }

            var ratio = two.RequestsPerSecond / one.RequestsPerSecond;
            text.AppendLine(inv, $"| {scenario} | {one.RequestsPerSecond:F0} | {two.RequestsPerSecond:F0} | {ratio:F2}x | {one.P99Ms:F2} / {two.P99Ms:F2} | {one.ServerCpuMsPerRequest:F3} / {two.ServerCpuMsPerRequest:F3} |");
            run.Target($"scaling, {scenario}", "none set (1 vs 2 cores)", string.Create(inv, $"{ratio:F2}x ({one.RequestsPerSecond:F0} -> {two.RequestsPerSecond:F0} req/s)"), met: null);
        }

        run.AddSection(Section, text.ToString());
    }
}
