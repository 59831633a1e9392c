namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// The load harness: starts the baseline and one deployment (token, identity, sample cube, ping
/// sidecars) as their own processes against a real Redis, measures every scenario in the same run,
/// and writes the figures and the targets into docs/benchmarks.md. Any failed request fails the run.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var root = FindRoot();
        var settings = new LoadSettings(
            Duration: TimeSpan.FromSeconds(quick ? 5 : 15),
            Warmup: TimeSpan.FromSeconds(quick ? 2 : 5),
            Connections: 32,
            Threads: 2,
            ReportScript: Path.Combine(root, "benchmarks", "load", "report.lua"));

        await using var redis = await RedisContainer.StartAsync();
        var run = new LoadRun(root, settings, quick, redis);
        await using var baseline = await ServiceProcess.StartAsync(Built(root, "benchmarks/AtotiAuth.Baseline", "AtotiAuth.Baseline"), new Dictionary<string, string>(), "/constant");
        await using var stack = await ServiceStack.StartAsync(run);
        var memory = await ResidentMemory.IdleAsync([("baseline (constant endpoint)", baseline), .. stack.Named]);

        run.Add(await Wrk.RunAsync("constant endpoint (baseline)", new Uri(baseline.Url, "/constant"), settings, server: baseline));
        await GatewayScenarios.RunAsync(run, stack);
        await IdentityScenarios.RunAsync(run, stack);
        await SessionScenarios.RunAsync(run, stack, baseline);
        await RevocationScenario.RunAsync(run, stack);
        memory.Report(run);

        var report = LoadReport.Render(run);
        Console.WriteLine(report);
        LoadReport.WriteSection(Path.Combine(root, "docs", "benchmarks.md"), "load", report);
        if (run.Failures.Count > 0)
        {
            await Console.Error.WriteLineAsync("LOAD RUN FAILED: " + string.Join("; ", run.Failures));
            return 1;
        }

        return 0;
    }

    public static string Built(string root, string folder, string assembly) =>
        Path.Combine(root, folder, "bin", "Release", "net10.0", assembly + ".dll");

    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtotiAuth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository (AtotiAuth.sln not found).");
    }
}
