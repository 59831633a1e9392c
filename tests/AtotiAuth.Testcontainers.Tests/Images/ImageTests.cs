using System.Diagnostics;
using System.Net;
using AtotiAuth.Testing;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;

namespace AtotiAuth.Testcontainers.Tests.Images;

/// <summary>
/// The images as Kubernetes runs them (issue 8): read-only root file system with a writable
/// <c>/tmp</c>, user app (1654), <c>/healthz</c> and <c>/readyz</c>, the image's own HEALTHCHECK.
/// </summary>
public sealed class ImageTests(ImageNetworkFixture fixture) : IClassFixture<ImageNetworkFixture>
{
    /// <summary>The test's cancellation, and at most 2 minutes for a container to start and answer.</summary>
    private static CancellationTokenSource StartTimeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        return timeout;
    }

    [Theory]
    [MemberData(nameof(ImageSetups.Images), MemberType = typeof(ImageSetups))]
    public async Task Image_ReadOnlyRootWithTmpfs_RunsAsAppAnswersHealthAndBecomesHealthy(string image)
    {
        ServiceImages.EnsureAvailable(image, TestImages.Redis);
        using var timeout = StartTimeout();
        await using var container = ImageSetups.For(image, fixture)
            // The image's own HEALTHCHECK command (Test left empty), run every second rather than every ten.
            .WithCreateParameterModifier(static p => p.Healthcheck = new HealthcheckConfig { Interval = TimeSpan.FromSeconds(1) })
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy())
            .Build();

        await container.StartAsync(timeout.Token);

        var uid = await container.ExecAsync(["id", "-u"], timeout.Token);
        var gid = await container.ExecAsync(["id", "-g"], timeout.Token);
        Assert.Equal("1654", uid.Stdout.Trim());
        Assert.Equal("1654", gid.Stdout.Trim());
        using var http = new HttpClient();
        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            using var response = await http.GetAsync(ImageSetups.Url(container, path), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Image_CubeBoundToLoopback9090_HealthCheckFollowsAspNetCoreUrls()
    {
        ServiceImages.EnsureAvailable(AtotiAuthImages.SampleCube, TestImages.Redis);
        using var timeout = StartTimeout();
        // As in a pod, where only the sidecar beside it may reach the cube (contract: 127.0.0.1:9090).
        await using var container = ImageSetups.For(AtotiAuthImages.SampleCube, fixture)
            .WithEnvironment("ASPNETCORE_URLS", "http://127.0.0.1:9090")
            .WithCreateParameterModifier(static p => p.Healthcheck = new HealthcheckConfig { Interval = TimeSpan.FromSeconds(1) })
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy())
            .Build();

        await container.StartAsync(timeout.Token);

        var probe = await container.ExecAsync(["/usr/local/bin/atotiauth-healthcheck"], timeout.Token);
        Assert.Equal(0, probe.ExitCode);
    }

    [Theory]
    [MemberData(nameof(ImageSetups.Images), MemberType = typeof(ImageSetups))]
    public async Task Image_WritableRoot_WritesNothingOutsideTmpAtStart(string image)
    {
        ServiceImages.EnsureAvailable(image, TestImages.Redis);
        using var timeout = StartTimeout();
        await using var container = ImageSetups.For(image, fixture, readOnly: false)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(static r => r.ForPort(AtotiAuthImages.HttpPort).ForPath("/readyz")))
            .Build();

        await container.StartAsync(timeout.Token);

        // `docker diff`: every path the container added, changed or deleted in its root file system
        // (a bind mount's target is created by Docker, not written by the service).
        var changed = (await DockerDiffAsync(container.Id, timeout.Token))
            .Select(static line => line[2..])
            .Where(static path => path != "/tmp" && !path.StartsWith("/tmp/", StringComparison.Ordinal) && !ImageSetups.MountTargets.Contains(path))
            .ToList();
        Assert.Empty(changed);
    }

    public static readonly TheoryData<string, string, string, string> BrokenSettings = new()
    {
        { AtotiAuthImages.Token, "AtotiAuth__Token__Issuer", "", "AtotiAuth:Token:Issuer" },
        { AtotiAuthImages.Ping, "AtotiAuth__Ping__CubeUrl", "", "AtotiAuth:Ping:CubeUrl" },
        { AtotiAuthImages.Identity, "AtotiAuth__Store__Redis", "", "AtotiAuth:Store:Redis" },
        { AtotiAuthImages.Standalone, "AtotiAuth__Token__Lifetime", "13:00:00", "AtotiAuth:Token:Lifetime" },
    };

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public async Task Image_BrokenSetting_ExitsNonZeroNamingTheKey(string image, string variable, string value, string key)
    {
        ServiceImages.EnsureAvailable(image, TestImages.Redis);
        using var timeout = StartTimeout();
        await using var container = ImageSetups.For(image, fixture).WithEnvironment(variable, value).Build();

        try
        {
            await container.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The process may be gone before Testcontainers sees it running; the exit code tells.
        }

        var exitCode = await container.GetExitCodeAsync(timeout.Token);
        var (stdout, stderr) = await container.GetLogsAsync(ct: timeout.Token);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, stdout + stderr, StringComparison.Ordinal);
    }

    private static async Task<string[]> DockerDiffAsync(string containerId, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("docker", $"diff {containerId}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.Equal(0, process.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
