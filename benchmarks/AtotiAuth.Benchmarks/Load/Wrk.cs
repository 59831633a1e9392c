using System.Diagnostics;
using System.Globalization;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>Drives one URL with wrk (bounded in time, loopback only) and reads its figures.</summary>
internal static class Wrk
{
    public static Task<LoadResult> RunAsync(string name, Uri url, LoadSettings settings, IReadOnlyDictionary<string, string>? headers = null, ServiceProcess? server = null) =>
        RunAsync(name, new WrkRequest(url, headers), settings, server);

    /// <summary>
    /// Warms up, then measures. When <paramref name="server"/> is given, its CPU time over the measured
    /// run divided by the requests served is reported too (the cost of one request, whatever the load).
    /// </summary>
    public static async Task<LoadResult> RunAsync(string name, WrkRequest request, LoadSettings settings, ServiceProcess? server = null)
    {
        if (!request.Url.IsLoopback)
        {
            throw new ArgumentException("Load runs target loopback addresses only.", nameof(request));
        }

        Console.WriteLine($"load: {name}");
        await RunWrkAsync(request, settings.Warmup, settings);
        var cpuBefore = server?.CpuTime();
        var line = await RunWrkAsync(request, settings.Duration, settings);
        var cpu = server is null ? (TimeSpan?)null : server.CpuTime() - cpuBefore!.Value;
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(static kv => kv.Split('='))
            .ToDictionary(static kv => kv[0], static kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        var seconds = values["duration_us"] / 1e6;
        var requests = values["requests"];
        return new LoadResult(
            name,
            requests / seconds,
            values["p50_us"] / 1000,
            values["p99_us"] / 1000,
            values["p999_us"] / 1000,
            (long)(values["non2xx"] + values["socket_errors"]),
            cpu is null || requests == 0 ? null : cpu.Value.TotalMilliseconds / requests);
    }

    private static async Task<string> RunWrkAsync(WrkRequest request, TimeSpan duration, LoadSettings settings)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["WRK_METHOD"] = request.Method;
        start.Environment["WRK_BODY"] = request.Body ?? string.Empty;
        start.Environment["WRK_CONTENT_TYPE"] = request.ContentType ?? string.Empty;
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

        foreach (var (header, value) in request.Headers ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"{header}: {value}");
        }

        start.ArgumentList.Add(request.Url.ToString());
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split('\n').FirstOrDefault(static l => l.StartsWith("LOADRESULT", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no result: " + output);
    }
}
