using System.Diagnostics;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Infrastructure;

public sealed class StandaloneStartupTests
{
    [Fact]
    public async Task Standalone_Started_AnswersHealthzWithinFiveSeconds()
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
            while (!healthy && clock.Elapsed < TimeSpan.FromSeconds(5) && !process.HasExited)
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
