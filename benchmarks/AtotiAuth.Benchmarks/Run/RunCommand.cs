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
    /// <summary>The parts with their own containers, run after the load part; every other scenario is part of the load part.</summary>
    private static readonly string[] OwnParts = ["micro", "ldap", "kerberos", "oidc-callback", "images"];

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
            var run = new LoadRun(root, settings, options, redis)
            {
                Profiler = options.Profile is { } mode ? new Profiler(root, mode) : null,
                Arguments = args,
                LoadAtStart = Machine.ReadLoadAverage(),
            };
            try
            {
                if (options.Wants("micro"))
                {
                    await run.TimeAsync("micro-benchmarks", () => MicroCommand.RunAsync(run));
                }

                if (options.Only is null || options.Only.Except(OwnParts).Any())
                {
                    await run.TimeAsync("load part (the parts above included)", () => LoadCommand.RunAsync(run));
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
                    await run.TimeAsync("image startup", () => ImageStartupCommand.MeasureAsync(run));
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

            Console.WriteLine(LoadReport.Targets(run, started));
            // A failed run leaves the committed page as it was: its figures stay under artifacts/.
            foreach (var file in LoadReport.Write(run, started, toDocs: options.WritesDocs && run.Failures.Count == 0))
            {
                Console.WriteLine($"bench: wrote {Path.GetRelativePath(root, file)}");
            }

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

/// <summary>The machine a run measured, as the targets table is stamped with it.</summary>
internal static class Machine
{
    /// <summary>Cores, CPU model, memory, OS and .NET: what decides the figures (no reading of the moment).</summary>
    public static string Describe()
    {
        var cpu = ReadLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadLine("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture, out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1048576.0:F0} GiB")
            : "?";
        var os = ReadLine("/etc/os-release", "PRETTY_NAME")?.Trim('"') ?? RuntimeInformation.OSDescription;
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({cpu}), {memory}, {os}, .NET {Environment.Version}");
    }

    /// <summary>The 1, 5 and 15 minute load averages, or "unknown".</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static string LoadAverage(string label, string value) => $"{label} {value} (1 / 5 / 15 min)";

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
