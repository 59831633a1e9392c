using System.Diagnostics;
using System.Globalization;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>Drives one URL with wrk (bounded in time, loopback only) and reads its figures.</summary>
internal static class Wrk
{
    public static async Task<LoadResult> RunAsync(string name, Uri url, LoadSettings settings, IReadOnlyDictionary<string, string>? headers = null)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("Load runs target loopback addresses only.", nameof(url));
        }

        await RunWrkAsync(url, settings.Warmup, settings, headers);
        var line = await RunWrkAsync(url, settings.Duration, settings, headers);
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(static kv => kv.Split('='))
            .ToDictionary(static kv => kv[0], static kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        var seconds = values["duration_us"] / 1e6;
        return new LoadResult(
            name,
            values["requests"] / seconds,
            values["p50_us"] / 1000,
            values["p99_us"] / 1000,
            values["p999_us"] / 1000,
            (long)(values["non2xx"] + values["socket_errors"]));
    }

    private static async Task<string> RunWrkAsync(Uri url, TimeSpan duration, LoadSettings settings, IReadOnlyDictionary<string, string>? headers)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "-t", settings.Threads.ToString(CultureInfo.InvariantCulture),
            "-c", settings.Connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)duration.TotalSeconds}s",
            "--timeout", "5s",
            "-s", settings.ReportScript,
        })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (header, value) in headers ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"{header}: {value}");
        }

        start.ArgumentList.Add(url.ToString());
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split('\n').FirstOrDefault(static l => l.StartsWith("LOADRESULT", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no result: " + output);
    }
}
