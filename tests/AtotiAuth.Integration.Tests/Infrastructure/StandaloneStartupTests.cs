using System.Diagnostics;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Infrastructure;

/// <summary>
/// The run command's host starts with no settings at all and answers <c>/healthz</c>. How fast it does is
/// a benchmark's question, not a test's (the standalone rows of the images benchmark, docs/benchmarks.md):
/// a wall-clock bound here fails whenever the machine is busy, whatever the code does.
/// </summary>
public sealed class StandaloneStartupTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Standalone_StartedWithoutSettings_AnswersHealthz()
    {
        var port = FreePort.Next();
        var dll = RepositoryPaths.BuiltAssembly("services/standalone", "AtotiAuth.Standalone");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var healthy = false;
            while (!healthy && clock.Elapsed < StartLimit && !process.HasExited)
            {
                healthy = await IsHealthyAsync(http, port);
                if (!healthy)
                {
                    await Task.Delay(50, TestContext.Current.CancellationToken);
                }
            }

            Assert.True(healthy, $"no /healthz answer after {clock.Elapsed.TotalSeconds:F1} s (exited: {process.HasExited})");
            TestContext.Current.SendDiagnosticMessage($"/healthz answered {clock.ElapsedMilliseconds} ms after start");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, int port)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
