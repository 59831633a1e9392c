using System.Globalization;
using System.Text;
using AtotiAuth.Benchmarks.Load;
using AtotiAuth.Benchmarks.Run;

namespace AtotiAuth.Benchmarks.Profiling;

/// <summary>
/// Records what a process under load spends its time on: a dotnet-trace CPU sample trace (on-CPU
/// samples through perf_events where the machine allows it, else managed thread-time samples) and
/// dotnet-counters, both over the same window while the scenario's load runs. Writes, per scenario,
/// <c>trace.nettrace</c>, <c>trace.speedscope.json</c> (open at speedscope.app), <c>counters.csv</c> and
/// <c>summary.md</c> (<c>dotnet-trace report topN</c>) under artifacts/profiles/RUN/SCENARIO/.
/// </summary>
internal sealed class Profiler(string root, ProfileMode mode)
{
    private ProfileMode? _effective;
    private string? _fallbackReason;

    public string OutputRoot { get; } = Path.Combine(root, "artifacts", "profiles", RunResources.RunId);

    /// <summary>
    /// Runs <paramref name="drive"/> (which must keep the load on for <paramref name="window"/> plus
    /// about 3 s) and records <paramref name="target"/> meanwhile. <paramref name="requestsPerSecond"/>,
    /// when the driver can tell it, gives allocations per request.
    /// </summary>
    public async Task<ProfileRecord> RecordAsync(string scenario, ServiceProcess target, TimeSpan window, Func<Task<double?>> drive)
    {
        var modeNow = await EffectiveModeAsync(target);
        var folder = Path.Combine(OutputRoot, Slug(scenario));
        Directory.CreateDirectory(folder);
        var nettrace = Path.Combine(folder, "trace.nettrace");
        var counters = Path.Combine(folder, "counters.csv");
        Console.WriteLine($"profile: {scenario} (pid {target.ProcessId}, {(modeNow == ProfileMode.Cpu ? "cpu-sampling" : "thread-time")}, {window.TotalSeconds:F0} s)");

        var load = drive();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var duration = DotnetTool.Duration(window);
        var limit = window + TimeSpan.FromMinutes(2);
        var trace = modeNow == ProfileMode.Cpu
            ? DotnetTool.RunAsync(root, "dotnet-trace", ["collect-linux", "-p", Pid(target), "--profile", "cpu-sampling", "--duration", duration, "-o", nettrace], limit)
            : DotnetTool.RunAsync(root, "dotnet-trace", ["collect", "-p", Pid(target), "--profile", "dotnet-sampled-thread-time", "--duration", duration, "-o", nettrace], limit);
        var counting = DotnetTool.RunAsync(root, "dotnet-counters", ["collect", "-p", Pid(target), "--counters", "System.Runtime,Microsoft.AspNetCore.Hosting", "--refresh-interval", "1", "--duration", duration, "--format", "csv", "-o", counters], limit);
        var traced = await trace;
        await counting;
        var requestsPerSecond = await load;

        // The tools' own outputs: speedscope for the flame graph, topN for the report, the counters' CSV as written.
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"pid {target.ProcessId}, {window.TotalSeconds:F0} s under load, {(modeNow == ProfileMode.Cpu ? "on-CPU samples (`collect-linux --profile cpu-sampling`)" : "thread-time samples (`collect --profile dotnet-sampled-thread-time`)")}{(requestsPerSecond is { } rps ? string.Create(inv, $", {rps:F0} req/s") : string.Empty)}. Files in `{Path.GetRelativePath(root, folder)}`: `trace.nettrace`, `trace.speedscope.json` (speedscope.app), `counters.csv`.");
        if (_fallbackReason is not null)
        {
            text.AppendLine(inv, $"({_fallbackReason})");
        }

        if (!File.Exists(nettrace))
        {
            text.AppendLine("no trace recorded: " + LastLines(traced.Output));
        }
        else
        {
            // convert names its output after -o with ".speedscope.json" appended: "trace" gives trace.speedscope.json.
            await DotnetTool.RunAsync(root, "dotnet-trace", ["convert", "--format", "speedscope", "-o", Path.Combine(folder, "trace"), nettrace], limit);
            // Inclusive only: on collect-linux traces every sample's leaf is the perf event itself, so
            // topN's exclusive list names nothing; the flame graph in speedscope has the rest.
            var top = await DotnetTool.RunAsync(root, "dotnet-trace", ["report", nettrace, "topN", "-n", "40", "--inclusive"], limit);
            text.AppendLine().AppendLine("`dotnet-trace report trace.nettrace topN -n 40 --inclusive`:").AppendLine().AppendLine("```").AppendLine(top.Output.Trim()).AppendLine("```");
            File.Delete(nettrace + ".etlx");
        }

        var markdown = text.ToString();
        await File.WriteAllTextAsync(Path.Combine(folder, "summary.md"), markdown);
        Console.WriteLine(markdown);
        return new ProfileRecord(scenario, folder, markdown);
    }

    private async Task<ProfileMode> EffectiveModeAsync(ServiceProcess target)
    {
        if (_effective is { } known)
        {
            return known;
        }

        _effective = mode;
        if (mode == ProfileMode.Cpu)
        {
            var probe = await DotnetTool.RunAsync(root, "dotnet-trace", ["collect-linux", "--probe", "-p", Pid(target), "-o", "stdout"], TimeSpan.FromSeconds(30));
            if (probe.ExitCode != 0 || !probe.Output.Contains("true", StringComparison.OrdinalIgnoreCase))
            {
                _effective = ProfileMode.ThreadTime;
                _fallbackReason = "collect-linux is not available here (it needs root and the kernel's user_events): thread-time samples instead. " + LastLines(probe.Output);
            }
        }

        return _effective.Value;
    }

    private static string Pid(ServiceProcess process) => process.ProcessId.ToString(CultureInfo.InvariantCulture);

    private static string LastLines(string output) =>
        string.Join(" ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));

    public static string Slug(string scenario)
    {
        var slug = System.Text.RegularExpressions.Regex.Replace(scenario.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }
}

/// <summary>One recorded profile: where its files are, and its markdown summary.</summary>
internal sealed record ProfileRecord(string Scenario, string Folder, string Markdown);
