namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// The load part of a run: the baseline and one deployment (token, identity, sample cube, ping
/// sidecars) as their own processes against the run's Redis, every wanted scenario in the same run,
/// then the standalone host, the 1-vs-2-core runs and the memory scenarios, each with processes of
/// its own. Any failed request fails the run.
/// </summary>
internal static class LoadCommand
{
    /// <summary>The load scenarios that start processes of their own; every other one runs on the shared deployment.</summary>
    private static readonly string[] OwnProcesses = ["logout-replicas", "standalone", "redis-memory", "cache-memory", "micro", "ldap", "kerberos", "oidc-callback", "images"];

    public static async Task RunAsync(LoadRun run)
    {
        var options = run.Options;
        await using var baseline = await ServiceProcess.StartAsync(Built(run.Root, "benchmarks/AtotiAuth.Baseline", "AtotiAuth.Baseline"), new Dictionary<string, string>(), "/constant");
        run.SetBaseline(await Wrk.RunAsync("constant endpoint (baseline)", new Uri(baseline.Url, "/constant"), run.Settings, server: baseline), baseline);
        if (options.Only is null || options.Only.Except(OwnProcesses).Any())
        {
            await using var stack = await ServiceStack.StartAsync(run);
            var memory = options.Wants("rss") ? await ResidentMemory.IdleAsync([("baseline (constant endpoint)", baseline), .. stack.Named]) : null;
            await GatewayScenarios.RunAsync(run, stack);
            await IdentityScenarios.RunAsync(run, stack);
            if (options.Wants("logout"))
            {
                await LogoutScenario.RunAsync(run, stack, baseline);
            }

            if (options.Wants("revocation"))
            {
                await RevocationScenario.RunAsync(run, stack);
            }

            if (options.Wants("metrics"))
            {
                await run.TimeAsync("metrics on and off", () => MetricsCostScenario.RunAsync(run, stack));
            }

            memory?.Report(run);
            if (options.Wants("scaling"))
            {
                await run.TimeAsync("scaling (1 vs 2 cores)", () => ScalingScenarios.RunAsync(run, stack));
            }

            if (run.Profiler is null)
            {
                await run.TimeAsync("profiles of the missed targets", run.ProfileMissesAsync);
            }
        }

        if (options.Wants("logout-replicas"))
        {
            await run.TimeAsync("logout with a replica", () => LogoutReplicationScenario.RunAsync(run));
        }

        if (options.Wants("standalone"))
        {
            await run.TimeAsync("standalone host", () => StandaloneScenarios.RunAsync(run));
        }

        if (options.Wants("redis-memory"))
        {
            await run.TimeAsync("Redis memory per session", () => RedisMemoryScenario.RunAsync(run));
        }

        if (options.Wants("cache-memory"))
        {
            await run.TimeAsync("local cache memory per session", () => CacheMemoryScenario.RunAsync(run));
        }
    }

    /// <summary>
    /// What a run starts of a project: its Release build, except the ping sidecar, which runs as its image
    /// holds it, the Native AOT binary scripts/build-images.sh published (issue 19), when there is one
    /// (<c>ATOTIAUTH_PING_AOT=false</c> there publishes the JIT build under the same name), unless
    /// <paramref name="managed"/> asks for the Release build.
    /// </summary>
    public static string Built(string root, string folder, string assembly, bool managed = false)
    {
        var published = Path.Combine(root, "artifacts", "publish", "ping", assembly);
        return folder == "services/ping" && !managed && File.Exists(published)
            ? published
            : Path.Combine(root, folder, "bin", "Release", "net10.0", assembly + ".dll");
    }

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
