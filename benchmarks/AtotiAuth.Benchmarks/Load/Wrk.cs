using System.Diagnostics;
using System.Globalization;
using AtotiAuth.Benchmarks.Run;

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
        Console.WriteLine($"load: {name}");
        await DriveAsync(request, settings.Warmup, settings);
        var cpuBefore = server?.CpuTime();
        var result = await DriveAsync(request, settings.Duration, settings, name);
        if (server is null || result.RequestsPerSecond == 0)
        {
            return result;
        }

        var cpu = server.CpuTime() - cpuBefore!.Value;
        return result with { ServerCpuMsPerRequest = cpu.TotalMilliseconds / (result.RequestsPerSecond * result.Seconds) };
    }

    /// <summary>Loads <paramref name="request"/> for <paramref name="duration"/> without warm-up (also what a profile runs under).</summary>
    public static async Task<LoadResult> DriveAsync(WrkRequest request, TimeSpan duration, LoadSettings settings, string name = "")
    {
        var values = Parse(await RunWrkAsync(request, duration, settings, settings.ReportScript, null));
        return ToResult(name, values);
    }

    /// <summary>
    /// Sends each line of <paramref name="valuesFile"/> once, as the value of <paramref name="header"/>
    /// (after <paramref name="prefix"/>): N distinct sessions served, for the memory of the caches. Stops
    /// when every value has had its answer (bounded by <paramref name="limit"/>).
    /// </summary>
    public static async Task<LoadResult> SendEachAsync(string name, Uri url, string header, string prefix, string valuesFile, LoadSettings settings, TimeSpan limit)
    {
        Console.WriteLine($"load: {name}");
        var request = new WrkRequest(url, Environment: new Dictionary<string, string>
        {
            ["WRK_VALUES_FILE"] = valuesFile,
            ["WRK_HEADER"] = header,
            ["WRK_PREFIX"] = prefix,
            ["WRK_THREADS"] = settings.Threads.ToString(CultureInfo.InvariantCulture),
            ["WRK_CONNECTIONS"] = settings.Connections.ToString(CultureInfo.InvariantCulture),
            ["WRK_REPORT_SCRIPT"] = settings.ReportScript,
        });
        var values = Parse(await RunWrkAsync(request, limit, settings, settings.DistinctScript, settings.Threads));
        return ToResult(name, values);
    }

    private static LoadResult ToResult(string name, Dictionary<string, double> values)
    {
        var seconds = values["duration_us"] / 1e6;
        var requests = values["requests"];
        return new LoadResult(
            name,
            requests / seconds,
            values["p50_us"] / 1000,
            values["p99_us"] / 1000,
            values["p999_us"] / 1000,
            (long)(values["non2xx"] + values["socket_errors"]),
            Seconds: seconds,
            SocketErrors: (long)values["socket_errors"]);
    }

    private static Dictionary<string, double> Parse(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Skip(1)
        .Select(static kv => kv.Split('='))
        .ToDictionary(static kv => kv[0], static kv => double.Parse(kv[1], CultureInfo.InvariantCulture));

    /// <summary>
    /// Runs wrk; with <paramref name="interruptAfterDone"/> (its thread count), sends it SIGINT once every
    /// thread printed <c>VALUESDONE</c>, on which wrk stops early and still prints its summary.
    /// </summary>
    private static async Task<string> RunWrkAsync(WrkRequest request, TimeSpan duration, LoadSettings settings, string script, int? interruptAfterDone)
    {
        if (!request.Url.IsLoopback)
        {
            throw new ArgumentException("Load runs target loopback addresses only.", nameof(request));
        }

        var start = new ProcessStartInfo(settings.WrkCpus is null ? "wrk" : "taskset")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (settings.WrkCpus is { } cpus)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cpus);
            start.ArgumentList.Add("wrk");
        }

        start.Environment["WRK_METHOD"] = request.Method;
        start.Environment["WRK_BODY"] = request.Body ?? string.Empty;
        start.Environment["WRK_CONTENT_TYPE"] = request.ContentType ?? string.Empty;
        foreach (var (key, value) in request.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        foreach (var argument in new[]
        {
            "-t", settings.Threads.ToString(CultureInfo.InvariantCulture),
            "-c", settings.Connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s",
            "--timeout", "5s",
            "-s", script,
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
        RunResources.Track(process, script);
        var lines = new List<string>();
        var done = 0;
        string? line;
        try
        {
            while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
            {
                lines.Add(line);
                if (interruptAfterDone is { } threads && line == "VALUESDONE" && ++done == threads)
                {
                    using var signal = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))!;
                    await signal.WaitForExitAsync();
                }
            }

            await process.WaitForExitAsync();
        }
        finally
        {
            RunResources.Forget(process);
        }

        return lines.FirstOrDefault(static l => l.StartsWith("LOADRESULT", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result: {string.Join('\n', lines)} {await process.StandardError.ReadToEndAsync()}");
    }
}
