using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AtotiAuth.Benchmarks.Run;

/// <summary>
/// Everything a run starts (processes, containers), so that it is all stopped however the run ends:
/// normally (each owner disposes its own), by an exception (the run's finally), or by Ctrl+C or
/// SIGTERM (the signal handlers below). Containers carry the run's label; process ids are appended to
/// <c>ATOTIAUTH_BENCH_PID_FILE</c> when set, so that scripts/bench.sh can stop what a killed harness left.
/// </summary>
internal static class RunResources
{
    private static readonly ConcurrentDictionary<int, Process> Processes = new();
    private static readonly Lock PidFileGate = new();
    private static readonly string? PidFile = Environment.GetEnvironmentVariable("ATOTIAUTH_BENCH_PID_FILE");
    private static PosixSignalRegistration[] _signals = [];
    private static int _stopped;

    /// <summary>True once a signal asked the run to stop: nothing more is written.</summary>
    public static bool Interrupted { get; private set; }

    /// <summary>The run's id: from scripts/bench.sh, or made here.</summary>
    public static string RunId { get; } = Environment.GetEnvironmentVariable("ATOTIAUTH_BENCH_RUN_ID") is { Length: > 0 } id
        ? id
        : FormattableString.Invariant($"{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}");

    /// <summary>The label every container of this run carries (<c>docker ps --filter label=…</c>).</summary>
    public static string ContainerLabel => $"atotiauth.bench.run={RunId}";

    /// <summary>A container name unique to this run.</summary>
    public static string ContainerName(string kind) => $"atotiauth-bench-{kind}-{RunId}-{Guid.NewGuid().ToString("N")[..6]}";

    public static void InstallSignalHandlers()
    {
        _signals =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
        ];
    }

    /// <summary>Remembers a started process until <see cref="Forget"/>.</summary>
    public static void Track(Process process, string marker)
    {
        Processes[process.Id] = process;
        if (PidFile is null)
        {
            return;
        }

        lock (PidFileGate)
        {
            File.AppendAllText(PidFile, FormattableString.Invariant($"{process.Id}\t{marker}\n"));
        }
    }

    public static void Forget(Process process) => Processes.TryRemove(process.Id, out _);

    /// <summary>Stops every tracked process and removes every container of the run. Safe to call more than once.</summary>
    public static void StopAll()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        foreach (var process in Processes.Values)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        Processes.Clear();
        RemoveContainers();
    }

    private static void RemoveContainers()
    {
        try
        {
            using var list = Process.Start(new ProcessStartInfo("docker", $"ps -aq --filter label={ContainerLabel}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var ids = list.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            list.WaitForExit();
            if (ids.Length > 0)
            {
                using var remove = Process.Start(new ProcessStartInfo("docker", "rm -f " + string.Join(' ', ids)) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                remove.WaitForExit(30_000);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No docker command: no container was started.
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Interrupted = true;
        Console.Error.WriteLine($"bench: {context.Signal}: stopping the run's processes and containers");
        StopAll();
        GC.KeepAlive(_signals);
        Environment.Exit(130);
    }
}
