using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AtotiAuth.Benchmarks.Load;

namespace AtotiAuth.Benchmarks.Images;

/// <summary>
/// <c>images [--runs N] [--quick]</c>: starts each service image N times as Kubernetes runs it
/// (read-only root, tmpfs <c>/tmp</c>, Redis on a network, keys mounted) and measures the time from the
/// container's start to its first <c>/readyz</c> 200, the CPU it spent getting there, and its idle
/// memory. Issue 8's target: ready within 3 s. The ping image holds the Native AOT sidecar (issue 19).
/// </summary>
internal static class ImageStartupCommand
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(3);

    /// <summary>Issue 19: the Native AOT sidecar idles under 48 MB, in an image at most half the JIT one's 270 MB.</summary>
    private const double AotIdleMegabytes = 48;
    private const double AotImageMegabytes = 135;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Contains("--quick") ? 2 : 5;
        var at = Array.IndexOf(args, "--runs");
        if (at >= 0 && at + 1 < args.Length)
        {
            runs = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
        }

        var results = await MeasureAllAsync(runs);
        Console.WriteLine(Render(results, runs));
        return results.All(static r => r.Samples.Max(static s => s.ReadyMs) < 3000) ? 0 : 1;
    }

    /// <summary>The run's part: the table into the report, issue 8's and issue 19's targets.</summary>
    public static async Task MeasureAsync(LoadRun run)
    {
        var runs = run.Quick ? 2 : 5;
        var results = await MeasureAllAsync(runs);
        run.AddSection("images", Render(results, runs));
        var inv = CultureInfo.InvariantCulture;
        foreach (var (image, samples) in results)
        {
            var slowest = samples.Max(static s => s.ReadyMs);
            run.Target($"image {image.Name}: container start to /readyz 200", "< 3 s at every start (issue 8)", string.Create(inv, $"{Median(samples, static s => s.ReadyMs):F0} ms median, {slowest:F0} ms slowest"), slowest < 3000);
        }

        var ping = results.Single(static r => r.Case.Name == "ping").Samples;
        var idleMegabytes = Median(ping, static s => s.IdleRssMiB) * 1024 * 1024 / 1e6;
        run.Target("idle RSS, ping image (Native AOT, issue 19)", string.Create(inv, $"<= {AotIdleMegabytes} MB"), string.Create(inv, $"{idleMegabytes:F1} MB"), idleMegabytes <= AotIdleMegabytes);
        var imageMegabytes = long.Parse((await DockerCli.RunAsync("image inspect -f {{.Size}} atotiauth/ping:dev")).Trim(), inv) / 1e6;
        run.Target("ping image size (Native AOT, issue 19)", string.Create(inv, $"<= {AotImageMegabytes} MB (half the JIT image)"), string.Create(inv, $"{imageMegabytes:F0} MB"), imageMegabytes <= AotImageMegabytes);
    }

    private static async Task<List<(ImageCase Case, List<ImageSample> Samples)>> MeasureAllAsync(int runs)
    {
        var network = $"atotiauth-bench-images-{Guid.NewGuid():N}"[..32];
        var keys = WriteKeyDirectory();
        await DockerCli.RunAsync($"network create {network}");
        var redis = (await DockerCli.RunAsync($"run -d --rm --network {network} --network-alias redis atotiauth/test-redis:dev")).Trim();
        try
        {
            await WaitForRedisAsync(redis);
            var results = new List<(ImageCase Case, List<ImageSample> Samples)>();
            foreach (var image in ImageCase.All(network, keys))
            {
                var samples = new List<ImageSample>();
                for (var i = 0; i < runs; i++)
                {
                    samples.Add(await MeasureAsync(image));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{image.Name} #{i + 1}: ready {samples[^1].ReadyMs:F0} ms, CPU {samples[^1].CpuMs:F0} ms, RSS {samples[^1].IdleRssMiB:F0} MiB"));
                }

                results.Add((image, samples));
            }

            return results;
        }
        finally
        {
            await DockerCli.RunAsync($"rm -f {redis}", allowFailure: true);
            await DockerCli.RunAsync($"network rm {network}", allowFailure: true);
            Directory.Delete(keys, recursive: true);
        }
    }

    private static async Task<ImageSample> MeasureAsync(ImageCase image)
    {
        var port = Ports.Next();
        var arguments = string.Join(' ', image.Arguments.Select(Quote));
        var id = (await DockerCli.RunAsync(
            $"create --read-only --tmpfs /tmp -p 127.0.0.1:{port}:8080 --label org.atotiauth.bench=images {arguments} {image.Image}")).Trim();
        try
        {
            await DockerCli.RunAsync($"start {id}");
            var ready = await WaitForReadyAsync(new Uri($"http://127.0.0.1:{port}/readyz"), id);
            var cpuMs = await CpuMsAsync(id);
            var started = DateTimeOffset.Parse((await DockerCli.RunAsync($"inspect -f {{{{.State.StartedAt}}}} {id}")).Trim(), CultureInfo.InvariantCulture);
            await Task.Delay(Idle);
            var rss = await RssMiBAsync(id);
            var cgroup = await CgroupMiBAsync(id);
            return new ImageSample((ready - started).TotalMilliseconds, cpuMs, rss, cgroup);
        }
        finally
        {
            await DockerCli.RunAsync($"rm -f {id}", allowFailure: true);
        }
    }

    private static async Task<DateTimeOffset> WaitForReadyAsync(Uri readyz, string id)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            try
            {
                using var response = await http.GetAsync(readyz);
                if (response.IsSuccessStatusCode)
                {
                    return DateTimeOffset.UtcNow;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"container {id} was not ready within {ReadyTimeout.TotalSeconds} s: {await DockerCli.RunAsync($"logs {id}", allowFailure: true)}");
    }

    /// <summary>The container's CPU time so far, from its cgroup (v2 <c>cpu.stat</c>, else v1 <c>cpuacct.usage</c>).</summary>
    private static async Task<double> CpuMsAsync(string id)
    {
        var v2 = await DockerCli.RunAsync($"exec {id} cat /sys/fs/cgroup/cpu.stat", allowFailure: true);
        var line = v2.Split('\n').FirstOrDefault(static l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
        if (line is not null)
        {
            return double.Parse(line["usage_usec ".Length..], CultureInfo.InvariantCulture) / 1000;
        }

        var v1 = await DockerCli.RunAsync($"exec {id} cat /sys/fs/cgroup/cpuacct/cpuacct.usage");
        return double.Parse(v1.Trim(), CultureInfo.InvariantCulture) / 1e6;
    }

    private static async Task<double> RssMiBAsync(string id)
    {
        var status = await DockerCli.RunAsync($"exec {id} cat /proc/1/status");
        var line = status.Split('\n').First(static l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary><c>docker stats</c>' memory usage: the cgroup's, page cache excluded.</summary>
    private static async Task<double> CgroupMiBAsync(string id)
    {
        var usage = (await DockerCli.RunAsync($"stats --no-stream --format {{{{.MemUsage}}}} {id}")).Split('/')[0].Trim();
        var digits = usage.TakeWhile(static c => char.IsDigit(c) || c == '.').Count();
        var value = double.Parse(usage[..digits], CultureInfo.InvariantCulture);
        return usage[digits..] switch
        {
            "GiB" => value * 1024,
            "KiB" or "kB" => value / 1024,
            "B" => value / (1024 * 1024),
            _ => value,
        };
    }

    private static async Task WaitForRedisAsync(string id)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await DockerCli.RunAsync($"exec {id} redis-cli ping", allowFailure: true)).Trim() == "PONG")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("Redis did not answer.");
    }

    private static string WriteKeyDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("atotiauth-bench-image-keys-").FullName;
        using var rsa = RSA.Create(3072);
        var file = Path.Combine(directory, "bench-1.pem");
        File.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            // Read by the image's user (UID 1654), not the harness's: a throw-away key may be world-readable.
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        }
        return directory;
    }

    private static string Quote(string argument) => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;

    private static string Render(List<(ImageCase Case, List<ImageSample> Samples)> results, int runs)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"{runs} starts per image, read-only root, tmpfs `/tmp`, Redis on the same network:");
        text.AppendLine();
        text.AppendLine("| image | ready after start, median ms | slowest ms | CPU to ready, median ms | idle RSS MiB | idle cgroup MiB | ready < 3 s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var (image, samples) in results)
        {
            var slowest = samples.Max(static s => s.ReadyMs);
            text.AppendLine(inv, $"| {image.Name} | {Median(samples, static s => s.ReadyMs):F0} | {slowest:F0} | {Median(samples, static s => s.CpuMs):F0} | {Median(samples, static s => s.IdleRssMiB):F0} | {Median(samples, static s => s.IdleCgroupMiB):F0} | {(slowest < 3000 ? "met" : "**missed**")} |");
        }

        return text.ToString();
    }

    private static double Median(List<ImageSample> samples, Func<ImageSample, double> value)
    {
        var sorted = samples.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
