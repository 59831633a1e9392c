using System.Globalization;
using System.Runtime.InteropServices;
using AtotiAuth.Benchmarks.Images;
using AtotiAuth.Benchmarks.Kerberos;
using AtotiAuth.Benchmarks.Ldap;
using AtotiAuth.Benchmarks.Load;
using AtotiAuth.Benchmarks.Micro;
using AtotiAuth.Benchmarks.Oidc;
using AtotiAuth.Benchmarks.Profiling;

namespace AtotiAuth.Benchmarks.Run;

/// <summary>
/// The one benchmark command (scripts/bench.sh): the micro-benchmarks, the load runs with their
/// baseline and peer, the standalone host, 1 vs 2 cores, memory per session, the LDAP and Kerberos logins
/// and the OIDC callback, on one Redis, in that order; a target beside each figure; profiles of the misses.
/// Exit code 1 when any request failed (or a part could not run), 2 for bad options.
/// </summary>
internal static class RunCommand
{
    private static readonly string[] LoadScenarios =
        ["jwt", "peer", "ping", "proxied", "websocket", "login-page", "admin", "login", "logout", "logout-replicas", "revocation", "rss", "standalone", "scaling", "redis-memory", "cache-memory", "metrics"];

    public static async Task<int> RunAsync(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        RunResources.InstallSignalHandlers();
        var started = DateTime.UtcNow;
        var machine = Machine.Describe();
        var root = LoadCommand.FindRoot();
        var settings = new LoadSettings(
            Duration: TimeSpan.FromSeconds(options.Quick ? 5 : 10),
            // 12 s: after 3 s the services' code was still being compiled to its final tier (the JIT
            // at half a core in the next seconds), which put a login page at 83 µs of CPU instead of 43.
            Warmup: TimeSpan.FromSeconds(options.Quick ? 2 : 12),
            Connections: 32,
            Threads: 2,
            ScriptDirectory: Path.Combine(root, "benchmarks", "load"));
        try
        {
            await using var redis = await RedisContainer.StartAsync();
            Console.WriteLine($"bench: {redis.Networking}, {redis.ConnectionString}");
            var run = new LoadRun(root, settings, options, redis) { Profiler = options.Profile is { } mode ? new Profiler(root, mode) : null };
            try
            {
                if (options.Wants("micro"))
                {
                    await run.TimeAsync("micro-benchmarks", () => MicroCommand.RunAsync(run));
                }

                if (options.WantsAny(LoadScenarios))
                {
                    await run.TimeAsync("load part in all (the five parts above included)", () => LoadCommand.RunAsync(run));
                }

                if (options.Wants("ldap"))
                {
                    await run.TimeAsync("LDAP login", () => LdapLoginCommand.MeasureAsync(run));
                }

                if (options.Wants("kerberos"))
                {
                    await run.TimeAsync("Kerberos login", () => KerberosLoginCommand.MeasureAsync(run));
                }

                if (options.Wants("oidc-callback"))
                {
                    await run.TimeAsync("OIDC callback", () => OidcCallbackTiming.MeasureAsync(run));
                }

                if (options.Wants("images"))
                {
                    // Its own section and its own target (ready within 3 s); written only by a full run.
                    string[] imageArgs = options.WritesDocs ? [] : options.Quick ? ["--quick", "--no-write"] : ["--no-write"];
                    await run.TimeAsync("image startup", () => ImageStartupCommand.RunAsync(imageArgs));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException or TaskCanceledException)
            {
                if (RunResources.Interrupted)
                {
                    return 130;
                }

                run.Failures.Add($"the run stopped: {ex.GetType().Name}: {ex.Message}");
                await Console.Error.WriteLineAsync(ex.ToString());
            }

            if (RunResources.Interrupted)
            {
                return 130;
            }

            var sections = LoadReport.Render(run, started, machine + "; " + Machine.LoadAverage("load average at the end"));
            foreach (var name in LoadReport.SectionOrder.Where(sections.ContainsKey))
            {
                Console.WriteLine($"\n## {name}\n\n{sections[name]}");
            }

            // A failed run leaves the committed document as it was: its report goes under artifacts/.
            var written = LoadReport.Write(run, sections, toDocs: options.WritesDocs && run.Failures.Count == 0);
            Console.WriteLine($"bench: report written to {Path.GetRelativePath(root, written)}");
            if (run.Profiles.Count > 0)
            {
                Console.WriteLine($"bench: profiles under {Path.GetRelativePath(root, run.Profiles[0].Folder)}/..");
            }

            if (run.Failures.Count > 0)
            {
                await Console.Error.WriteLineAsync("BENCHMARK RUN FAILED: " + string.Join("; ", run.Failures));
                return 1;
            }

            return 0;
        }
        finally
        {
            RunResources.StopAll();
            foreach (var directory in ServiceStack.TemporaryDirectories)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}

/// <summary>What the report says about the machine.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = ReadLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadLine("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture, out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1048576.0:F0} GiB")
            : "?";
        var os = ReadLine("/etc/os-release", "PRETTY_NAME")?.Trim('"') ?? RuntimeInformation.OSDescription;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu}), {memory} memory, {os}, kernel {Environment.OSVersion.Version}, .NET {Environment.Version}; {LoadAverage("load average at the start")}");
    }

    public static string LoadAverage(string label) =>
        File.Exists("/proc/loadavg") ? $"{label} {string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} (1 / 5 / 15 min)" : $"{label} unknown";

    private static string? ReadLine(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        var separator = line?.IndexOfAny([':', '=']) ?? -1;
        return separator < 0 ? null : line![(separator + 1)..].Trim();
    }
}
