using System.Diagnostics;
using System.Text;
using AtotiAuth.Benchmarks.Run;

namespace AtotiAuth.Benchmarks.Profiling;

/// <summary>
/// Runs a tool of the repository's manifest (.config/dotnet-tools.json: dotnet-trace, dotnet-counters,
/// dotnet-gcdump) with <c>dotnet tool run</c> from the repository root; scripts/bench.sh restores them.
/// </summary>
internal static class DotnetTool
{
    public sealed record Outcome(int ExitCode, string Output);

    public static async Task<Outcome> RunAsync(string root, string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "tool", "run", tool, "--" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        RunResources.Track(process, tool);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output)
            {
                output.AppendLine(FormattableString.Invariant($"(stopped after {timeout.TotalSeconds:F0} s)"));
            }
        }
        finally
        {
            RunResources.Forget(process);
        }

        lock (output)
        {
            return new Outcome(process.ExitCode, output.ToString());
        }
    }

    /// <summary><c>dd:hh:mm:ss</c>, as the tools take a duration.</summary>
    public static string Duration(TimeSpan duration) =>
        FormattableString.Invariant($"{duration.Days:D2}:{duration.Hours:D2}:{duration.Minutes:D2}:{duration.Seconds:D2}");
}
