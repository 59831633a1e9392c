using System.Globalization;
using System.Text;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>Renders a run as markdown and writes it between markers in a document.</summary>
internal static class LoadReport
{
    public static string Render(LoadRun run)
    {
        var settings = run.Settings;
        var baseline = run.Baseline.RequestsPerSecond;
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}{(run.Quick ? " (`--quick`)" : string.Empty)}; " +
            $"wrk {settings.Threads} threads, {settings.Connections} connections, {settings.Duration.TotalSeconds:F0} s per scenario after {settings.Warmup.TotalSeconds:F0} s of warm-up; loopback.");
        text.AppendLine();
        text.AppendLine("| scenario | requests/s | vs baseline | p50 ms | p99 ms | p99.9 ms | server CPU ms/req | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in run.Results)
        {
            var cpu = r.ServerCpuMsPerRequest is { } ms ? ms.ToString("F3", inv) : "";
            text.AppendLine(inv, $"| {r.Name} | {r.RequestsPerSecond:F0} | {r.RequestsPerSecond / baseline:P0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.P999Ms:F2} | {cpu} | {r.Failures} |");
        }

        text.AppendLine();
        text.AppendLine("`failed` counts wrk's status errors (4xx/5xx) and socket errors; each scenario's expected answer (200, or 302 for a login) is checked by one request before it is loaded. `server CPU ms/req` is the CPU time of the measured process (for the proxied row, the sidecar) over the measured run, divided by its requests.");
        text.AppendLine();
        foreach (var note in run.Notes)
        {
            text.AppendLine(inv, $"- {note}");
        }

        foreach (var section in run.Sections)
        {
            text.AppendLine();
            text.AppendLine(section.TrimEnd());
        }

        text.AppendLine();
        text.AppendLine("Targets (from the issues), measured in this run:");
        text.AppendLine();
        text.AppendLine("| subject | target | measured | |");
        text.AppendLine("|---|---|---|---|");
        foreach (var t in run.Targets)
        {
            text.AppendLine(inv, $"| {t.Subject} | {t.Target} | {t.Measured} | {t.Met switch { true => "met", false => "**missed**", null => "reported" }} |");
        }

        if (run.Failures.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("**This run failed:** " + string.Join("; ", run.Failures));
        }

        return text.ToString();
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
