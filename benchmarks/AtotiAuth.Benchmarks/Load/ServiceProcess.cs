using System.Diagnostics;
using AtotiAuth.Benchmarks.Run;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>A built service started as its own process on a loopback port, as it runs in production.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _errors;
    private readonly Queue<string> _warnings = new();

    private ServiceProcess(Process process, Uri url, string? cpus, string name, System.Text.StringBuilder errors)
    {
        _process = process;
        Url = url;
        Cpus = cpus;
        Name = name;
        _errors = errors;
    }

    /// <summary>The service's last log lines (it logs at Warning and above), oldest first: what a failed scenario reports.</summary>
    public IReadOnlyList<string> RecentWarnings()
    {
        lock (_warnings)
        {
            return [.. _warnings];
        }
    }

    /// <summary>The service's assembly name, for messages.</summary>
    public string Name { get; }

    public Uri Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>The CPUs the process is pinned to (<c>taskset -c</c>), or null for all.</summary>
    public string? Cpus { get; }

    /// <summary>
    /// Starts <paramref name="dll"/> with <c>dotnet</c> (a native executable, the Native AOT sidecar, as it is), logging at Warning and workstation GC, and waits
    /// for <paramref name="healthPath"/>. With <paramref name="cpus"/> the process runs under
    /// <c>taskset -c</c> from its first instruction, so the runtime sizes itself to those cores.
    /// With <paramref name="extraPort"/> it listens there too, as the images listen on their metrics port beside 8080.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string dll, IDictionary<string, string> environment, string healthPath = "/healthz", int? port = null, string? cpus = null, int? extraPort = null)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is not built: run scripts/bench.sh (it builds Release first).", dll);
        }

        port ??= Ports.Next();
        var url = new Uri($"http://127.0.0.1:{port}");
        var managed = dll.EndsWith(".dll", StringComparison.Ordinal);
        var start = new ProcessStartInfo(cpus is not null ? "taskset" : managed ? "dotnet" : dll)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (cpus is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cpus);
            start.ArgumentList.Add(managed ? "dotnet" : dll);
        }

        if (managed)
        {
            start.ArgumentList.Add(dll);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/') + (extraPort is { } extra ? $";http://127.0.0.1:{extra}" : string.Empty));
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        RunResources.Track(process, dll);
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        var service = new ServiceProcess(process, url, cpus, Path.GetFileNameWithoutExtension(dll), errors);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                await service.DisposeAsync();
                throw new InvalidOperationException($"{Path.GetFileName(dll)} exited at start: {errors}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(url, healthPath));
                if (response.IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        await service.DisposeAsync();
        throw new InvalidOperationException($"{Path.GetFileName(dll)} did not become healthy at {url} within 30 s: {errors}");
    }

    /// <summary>Resident memory of the process now, in MiB.</summary>
    public double ResidentMemoryMiB()
    {
        EnsureRunning();
        _process.Refresh();
        return _process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>CPU time the process has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime()
    {
        EnsureRunning();
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Throws, with what the service wrote to standard error, when it is no longer running.</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            string errors;
            lock (_errors)
            {
                errors = _errors.ToString().Trim();
            }

            throw new InvalidOperationException($"{Name} ({Url}) exited with code {_process.ExitCode}: {(errors.Length > 2000 ? errors[^2000..] : errors)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        RunResources.Forget(_process);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        lock (_warnings)
        {
            if (_warnings.Count == 5)
            {
                _warnings.Dequeue();
            }

            _warnings.Enqueue(line.Length > 400 ? line[..400] : line);
        }
    }
}
