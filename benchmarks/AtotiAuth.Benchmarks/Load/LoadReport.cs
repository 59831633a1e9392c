using System.Globalization;
using System.Text;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>Renders the load figures as markdown and writes them between markers in a document.</summary>
internal static class LoadReport
{
    public static string Render(IReadOnlyList<LoadResult> results, LoadSettings settings, IEnumerable<string> notes)
    {
        var baseline = results[0].RequestsPerSecond;
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; " +
            $"wrk {settings.Threads} threads, {settings.Connections} connections, {settings.Duration.TotalSeconds:F0} s per scenario after {settings.Warmup.TotalSeconds:F0} s of warm-up; loopback.");
        text.AppendLine();
        text.AppendLine("| scenario | requests/s | vs baseline | p50 ms | p99 ms | p99.9 ms | failed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(inv, $"| {r.Name} | {r.RequestsPerSecond:F0} | {r.RequestsPerSecond / baseline:P0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.P999Ms:F2} | {r.Failures} |");
        }

        text.AppendLine();
        foreach (var note in notes)
        {
            text.AppendLine(inv, $"- {note}");
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
