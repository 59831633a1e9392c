using System.Globalization;
using System.Text;
using AtotiAuth.Benchmarks.Run;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// Writes a run: every figure into <c>artifacts/bench/RUN/report.md</c>; and, for a full run without
/// failures, the targets table alone (stamped with the run's date and machine) between the
/// <c>targets</c> markers of docs/benchmarks.md. A scenario adds to the report with
/// <see cref="LoadRun.AddSection"/> and to the targets with <see cref="LoadRun.Target"/>; nothing here
/// names a scenario.
/// </summary>
internal static class LoadReport
{
    /// <summary>The report's sections, in order; a section no scenario wrote is left out.</summary>
    private static readonly string[] SectionOrder = ["load", "standalone", "scaling", "memory", "ldap", "kerberos", "oidc", "images", "micro", "profiles"];

    public static string Targets(LoadRun run, DateTime startedUtc)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured on {startedUtc:yyyy-MM-dd} by `{string.Join(' ', ["scripts/bench.sh", .. run.Arguments])}` on {Machine.Describe()}.");
        text.AppendLine();
        text.AppendLine("| subject | target | measured | |");
        text.AppendLine("|---|---|---|---|");
        foreach (var t in run.Targets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {t.Subject} | {t.Target} | {t.Measured} | {t.Met switch { true => "met", false => "**missed**", null => "reported" }} |");
        }

        return text.ToString();
    }

    public static string Render(LoadRun run, DateTime startedUtc)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = run.Settings;
        var text = new StringBuilder("# Benchmark report\n\n");
        text.AppendLine(inv, $"{Machine.LoadAverage("load average at the start", run.LoadAtStart)}, {Machine.LoadAverage("at the end", Machine.ReadLoadAverage())}; Redis: {run.Redis.Networking}.");
        text.AppendLine(inv, $"wrk: {s.Threads} threads, {s.Connections} connections, {s.Duration.TotalSeconds:F0} s per scenario after {s.Warmup.TotalSeconds:F0} s of warm-up.");
        text.AppendLine(inv, $"Time per part: {string.Join(", ", run.Timings.Select(t => string.Create(inv, $"{t.Part} {t.Elapsed.TotalSeconds:F0} s")))}.");
        if (run.Failures.Count > 0)
        {
            text.AppendLine().AppendLine("**This run failed:** " + string.Join("; ", run.Failures));
        }

        text.Append("\n## targets\n\n").Append(Targets(run, startedUtc));
        foreach (var name in SectionOrder)
        {
            var parts = new List<string>();
            if (run.Tables.TryGetValue(name, out var table))
            {
                parts.Add(Table(run, name == "load" ? table : [run.Baseline, .. table]));
            }

            parts.AddRange(run.Sections.GetValueOrDefault(name) ?? []);
            parts.AddRange(name == "profiles" ? run.Profiles.Select(static p => $"### {p.Scenario}\n\n{p.Markdown}") : []);
            if (parts.Count > 0)
            {
                text.Append(inv, $"\n## {name}\n\n").AppendJoin("\n\n", parts.Select(static p => p.Trim())).AppendLine();
            }
        }

        return text.ToString();
    }

    private static string Table(LoadRun run, IEnumerable<LoadResult> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| scenario | requests/s | vs baseline | p50 ms | p99 ms | p99.9 ms | server CPU ms/req | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(inv, $"| {r.Name} | {r.RequestsPerSecond:F0} | {r.RequestsPerSecond / run.Baseline.RequestsPerSecond:P0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.P999Ms:F2} | {r.ServerCpuMsPerRequest:F3} | {r.Failures} |");
        }

        return text.ToString();
    }

    /// <summary>Writes the report; with <paramref name="toDocs"/>, the targets into docs/benchmarks.md too. Returns what it wrote.</summary>
    public static IReadOnlyList<string> Write(LoadRun run, DateTime startedUtc, bool toDocs)
    {
        var folder = Path.Combine(run.Root, "artifacts", "bench", RunResources.RunId);
        Directory.CreateDirectory(folder);
        var report = Path.Combine(folder, "report.md");
        File.WriteAllText(report, Render(run, startedUtc));
        if (!toDocs)
        {
            return [report];
        }

        var doc = Path.Combine(run.Root, "docs", "benchmarks.md");
        WriteSection(doc, "targets", Targets(run, startedUtc));
        return [report, doc];
    }

    private static void WriteSection(string path, string section, string content)
    {
        var begin = $"<!-- {section}:begin -->";
        var end = $"<!-- {section}:end -->";
        var document = File.ReadAllText(path);
        var from = document.IndexOf(begin, StringComparison.Ordinal);
        var to = document.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            throw new InvalidOperationException($"{path} has no {begin} … {end} block to rewrite.");
        }

        File.WriteAllText(path, string.Concat(document.AsSpan(0, from), $"{begin}\n{content.TrimEnd()}\n{end}", document.AsSpan(to + end.Length)));
    }
}
