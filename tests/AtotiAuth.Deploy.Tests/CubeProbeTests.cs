using System.Diagnostics;
using System.Globalization;
using AtotiAuth.Deploy.Tests.Checks;
using AtotiAuth.Deploy.Tests.Rendering;
using AtotiAuth.Testing;

namespace AtotiAuth.Deploy.Tests;

/// <summary>
/// The cube listens on its pod's loopback, which the kubelet cannot reach, so its probes run inside its
/// container. The rendered commands, run against the real sample cube (on a free loopback port instead
/// of 9090), pass while it answers and fail once it is gone.
/// </summary>
public sealed class CubeProbeTests : IDisposable
{
    private readonly int _port = FreePort.Next();
    private Process? _cube;

    [Fact]
    public async Task CubeProbes_AsRendered_PassAgainstTheRunningCubeAndFailWithoutIt()
    {
        var cube = Rendered.Objects("production").Workload("cube-risk").Container("cube");
        var probes = PortChecks.Probes.Select(p => (Name: p, Command: cube[p]!["exec"]!["command"]!.AsArray().Select(a => (string)a!).ToList())).ToList();
        Assert.All(probes, p => Assert.Equal(9090, PortChecks.ExecProbePort(cube[p.Name])));

        await StartCubeAsync();
        foreach (var (name, command) in probes)
        {
            Assert.True(Run(command) == 0, $"{name} failed against the running cube");
        }

        StopCube();
        foreach (var (name, command) in probes)
        {
            Assert.True(Run(command) != 0, $"{name} passed with no cube listening");
        }
    }

    [Fact]
    public async Task CubeProbe_ForAPathTheCubeDoesNotServe_Fails()
    {
        var cube = Rendered.Objects("production").Workload("cube-risk").Container("cube");
        var command = cube["readinessProbe"]!["exec"]!["command"]!.AsArray().Select(a => ((string)a!).Replace("GET /readyz", "GET /nothing-here", StringComparison.Ordinal)).ToList();

        await StartCubeAsync();

        Assert.NotEqual(0, Run(command));
    }

    public void Dispose() => StopCube();

    private int Run(List<string> command)
    {
        var local = command.Select(a => a.Replace("/dev/tcp/127.0.0.1/9090", $"/dev/tcp/127.0.0.1/{_port}", StringComparison.Ordinal)).ToList();
        return ProcessRunner.Run(local[0], local.Skip(1), Path.GetTempPath()).ExitCode;
    }

    private async Task StartCubeAsync()
    {
        DeployTools.EnsureAvailable();
        var assembly = RepositoryPaths.BuiltAssembly("samples/cube", "AtotiAuth.Samples.Cube");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(assembly);
        start.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}");
        _cube = Process.Start(start)!;
        _cube.OutputDataReceived += static (_, _) => { };
        _cube.ErrorDataReceived += static (_, _) => { };
        _cube.BeginOutputReadLine();
        _cube.BeginErrorReadLine();

        // A first request can take seconds on a loaded machine (JIT, the other test assemblies running).
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{_port}/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet, or not answering yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The sample cube ({assembly}) did not answer /healthz within 60 s.");
    }

    private void StopCube()
    {
        if (_cube is { HasExited: false })
        {
            _cube.Kill(entireProcessTree: true);
            _cube.WaitForExit();
        }

        _cube?.Dispose();
        _cube = null;
    }
}
