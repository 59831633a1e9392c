using System.Globalization;
using System.Text;
using AtotiAuth.Benchmarks.Run;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>Renders a run as markdown sections and writes them between markers in docs/benchmarks.md, or into one report file.</summary>
internal static class LoadReport
{
    /// <summary>The sections, in the document's order.</summary>
    public static readonly string[] SectionOrder = ["summary", "targets", "load", "standalone", "scaling", "memory", "profiles", "ldap", "kerberos", "oidc", "micro"];

    public static Dictionary<string, string> Render(LoadRun run, DateTime startedUtc, string machine)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = Summary(run, startedUtc, machine),
            ["targets"] = Targets(run),
        };
        foreach (var name in SectionOrder.Skip(2))
        {
            var text = new StringBuilder();
            if (name == "load" && run.Tables.TryGetValue("load", out var load))
            {
                text.AppendLine(Table(run, load, withFootnote: true));
                text.AppendLine(Bracketed(run.Bracketed.Where(b => load.Any(r => r.Name == b.Name))));
                foreach (var note in run.Notes)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
                }
            }
            else if (name == "standalone" && run.Tables.TryGetValue("standalone", out var standalone))
            {
                text.AppendLine(Table(run, [run.Baseline, .. standalone], withFootnote: false));
                text.AppendLine(Bracketed(run.Bracketed.Where(b => standalone.Any(r => r.Name == b.Name))));
            }

            if (name == "profiles")
            {
                foreach (var profile in run.Profiles)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"### {profile.Scenario}");
                    text.AppendLine();
                    text.AppendLine(profile.Markdown.TrimEnd());
                    text.AppendLine();
                }
            }

            foreach (var part in run.Sections.GetValueOrDefault(name) ?? [])
            {
                text.AppendLine();
                text.AppendLine(part.TrimEnd());
            }

            if (text.Length > 0)
            {
                sections[name] = text.ToString().Trim() + "\n";
            }
        }

        return sections;
    }

    private static string Summary(LoadRun run, DateTime startedUtc, string machine)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = run.Settings;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Run of {startedUtc:yyyy-MM-dd HH:mm} UTC{(run.Quick ? " (`--quick`)" : string.Empty)}{(run.Options.Only is { } only ? $" (`--only {string.Join(',', only)}`)" : string.Empty)}, {(DateTime.UtcNow - startedUtc).TotalMinutes:F1} minutes in all.");
        text.AppendLine();
        text.AppendLine(inv, $"- machine: {machine}");
        text.AppendLine(inv, $"- wrk: {s.Threads} threads, {s.Connections} connections, {s.Duration.TotalSeconds:F0} s per scenario after {s.Warmup.TotalSeconds:F0} s of warm-up, loopback only; every service a Release process with logging at Warning and workstation GC");
        text.AppendLine(inv, $"- store: {run.Redis.Networking}");
        text.AppendLine(inv, $"- time per part: {string.Join(", ", run.Timings.Select(t => string.Create(inv, $"{t.Part} {t.Elapsed.TotalSeconds:F0} s")))}");
        if (run.Failures.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("**This run failed:** " + string.Join("; ", run.Failures));
        }

        return text.ToString();
    }

    private static string Targets(LoadRun run)
    {
        var text = new StringBuilder();
        text.AppendLine("| subject | target | measured | |");
        text.AppendLine("|---|---|---|---|");
        foreach (var t in run.Targets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {t.Subject} | {t.Target} | {t.Measured} | {t.Met switch { true => "met", false => "**missed**", null => "reported" }} |");
        }

        return text.ToString();
    }

    /// <summary>The targets against the constant endpoint: each scenario between the constant's loads just before and after it.</summary>
    private static string Bracketed(IEnumerable<BracketedRatio> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        if (!rows.Any())
        {
            return string.Empty;
        }

        text.AppendLine();
        text.AppendLine("Each scenario with a target against the constant endpoint is judged against the constant loaded again just before and just after it (the mean of the two), so that the machine's drift over the run does not land on the ratio; the first column above compares with the run's first baseline only:");
        text.AppendLine();
        text.AppendLine("| scenario | constant just before, req/s | scenario, req/s | constant just after, req/s | vs constant around it |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var b in rows)
        {
            text.AppendLine(inv, $"| {b.Name} | {b.ConstantBefore:F0} | {b.RequestsPerSecond:F0} | {b.ConstantAfter:F0} | {b.Ratio:P0} |");
        }

        return text.ToString();
    }

    private static string Table(LoadRun run, IEnumerable<LoadResult> results, bool withFootnote)
    {
        var inv = CultureInfo.InvariantCulture;
        var baseline = run.Baseline.RequestsPerSecond;
        var text = new StringBuilder();
        text.AppendLine("| scenario | requests/s | vs baseline | p50 ms | p99 ms | p99.9 ms | server CPU ms/req | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var cpu = r.ServerCpuMsPerRequest is { } ms ? ms.ToString("F3", inv) : "";
            text.AppendLine(inv, $"| {r.Name} | {r.RequestsPerSecond:F0} | {r.RequestsPerSecond / baseline:P0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.P999Ms:F2} | {cpu} | {r.Failures} |");
        }

        if (withFootnote)
        {
            text.AppendLine();
            text.AppendLine("`failed` counts wrk's status errors (4xx/5xx) and socket errors; each scenario's expected answer (200, or 302 for a login) is checked by one request before it is loaded. `server CPU ms/req` is the CPU time of the measured process (for the proxied row, the sidecar) over the measured run, divided by its requests.");
        }

        return text.ToString();
    }

    /// <summary>A full run: every section between its markers in docs/benchmarks.md. Otherwise: one report file.</summary>
    public static string Write(LoadRun run, Dictionary<string, string> sections, bool toDocs)
    {
        if (toDocs)
        {
            var doc = Path.Combine(run.Root, "docs", "benchmarks.md");
            foreach (var name in SectionOrder.Where(sections.ContainsKey))
            {
                WriteSection(doc, name, sections[name]);
            }

            return doc;
        }

        var folder = Path.Combine(run.Root, "artifacts", "bench", RunResources.RunId);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "report.md");
        var text = new StringBuilder("# Benchmark report (not written to docs/benchmarks.md: only a full run is)\n");
        foreach (var name in SectionOrder.Where(sections.ContainsKey))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {name}\n\n{sections[name]}");
        }

        File.WriteAllText(file, text.ToString());
        return file;
    }

    public static void WriteSection(string path, string section, string content)
    {
        var begin = $"<!-- {section}:begin -->";
        var end = $"<!-- {section}:end -->";
        var document = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var from = document.IndexOf(begin, StringComparison.Ordinal);
        var to = document.IndexOf(end, StringComparison.Ordinal);
        var block = $"{begin}\n{content.TrimEnd()}\n{end}";
        document = from >= 0 && to > from
            ? string.Concat(document.AsSpan(0, from), block, document.AsSpan(to + end.Length))
            : document.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, document);
    }
}
