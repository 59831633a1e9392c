using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Text;
using AtotiAuth.Benchmarks.Load;

namespace AtotiAuth.Benchmarks.Kerberos;

/// <summary>
/// Issue 15's figure: what a Kerberos login (<c>GET /login</c> with a Negotiate token) costs beside a basic
/// session login (<c>POST /login</c> with Basic) on the same identity service, in the same run: latency
/// and the service's CPU per login, each kind in its own block after a warm-up. The tokens are made
/// before each block (one KDC round trip each, as a browser's ticket cache saves), so the blocks time
/// the service's work only.
/// </summary>
internal static class KerberosLoginCommand
{
    private const string Principal = "HTTP/auth.bench.test";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        await using var redis = await RedisContainer.StartAsync();
        var (report, _, _) = await MeasureAsync(LoadCommand.FindRoot(), redis, args.Contains("--quick"));
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>Part of the one benchmark command: the "kerberos" section and its reported figure.</summary>
    public static async Task MeasureAsync(LoadRun run)
    {
        var (report, latencyMs, cpuMs) = await MeasureAsync(run.Root, run.Redis, run.Quick);
        run.AddSection("kerberos", report);
        run.Target("Kerberos login over a basic session login", "reported (issue 15)", FormattableString.Invariant($"{latencyMs:+0.00;-0.00} ms at the median, {cpuMs:+0.0;-0.0} ms of service CPU"), null);
    }

    private static async Task<(string Report, double LatencyMs, double CpuMs)> MeasureAsync(string root, RedisContainer redis, bool quick)
    {
        var (kerberosLogins, basicLogins) = quick ? (50, 10) : (300, 40);
        await using var kdc = await KdcContainer.StartAsync(Principal);
        await using var identity = await ServiceProcess.StartAsync(
            LoadCommand.Built(root, "services/identity", "AtotiAuth.Identity"),
            new Dictionary<string, string>
            {
                ["AtotiAuth__Store__Redis"] = redis.ConnectionString,
                ["AtotiAuth__Store__KeyPrefix"] = $"bench-kerberos-{Guid.NewGuid():N}:",
                ["AtotiAuth__Identity__Cookie__Secure"] = "false",
                ["AtotiAuth__Identity__Users__0__Name"] = "alice",
                ["AtotiAuth__Identity__Users__0__Password"] = "alice-basic-pass",
                ["AtotiAuth__Identity__Kerberos__ServicePrincipal"] = Principal,
                ["AtotiAuth__Identity__Kerberos__Keytab"] = kdc.KeytabPath,
                ["AtotiAuth__Identity__Kerberos__DefaultRoles__0"] = "ROLE_USER",
            });

        Console.WriteLine($"kerberos: {kerberosLogins} Kerberos logins, then {basicLogins} basic logins, each after {WarmUp.TotalSeconds:F0} s of warm-up");
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = identity.Url };
        var kerberos = await BlockAsync(identity, kerberosLogins, quick, async count =>
        {
            var tokens = Enumerable.Range(0, count).Select(_ => Token()).ToList();
            return tokens.Select(token => (Func<Task>)(() => LogInAsync(http, HttpMethod.Get, "Negotiate", token))).ToList();
        });
        var basic = await BlockAsync(identity, basicLogins, quick, count => Task.FromResult(Enumerable.Range(0, count)
            .Select(_ => (Func<Task>)(() => LogInAsync(http, HttpMethod.Post, "Basic", Encoding.UTF8.GetBytes("alice:alice-basic-pass")))).ToList()));

        var latency = LatencySummary.Percentile(kerberos.Latencies, 0.50) - LatencySummary.Percentile(basic.Latencies, 0.50);
        var cpu = kerberos.CpuMsPerLogin - basic.CpuMsPerLogin;
        return (Render(kerberos, basic, latency, cpu), latency, cpu);
    }

    /// <summary>Warm-up logins for a while, then <paramref name="count"/> timed ones and the service's CPU over them.</summary>
    private static async Task<Block> BlockAsync(ServiceProcess identity, int count, bool quick, Func<int, Task<List<Func<Task>>>> prepare)
    {
        var warming = System.Diagnostics.Stopwatch.StartNew();
        while (warming.Elapsed < (quick ? WarmUp / 5 : WarmUp))
        {
            foreach (var login in await prepare(10))
            {
                await login();
            }
        }

        var logins = await prepare(count);
        var latencies = new List<double>(count);
        var before = identity.CpuTime();
        foreach (var login in logins)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await login();
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        return new Block(latencies, (identity.CpuTime() - before).TotalMilliseconds / count);
    }

    /// <summary>A fresh SPNEGO token for alice, as Chromium or HttpClient sends it: each login needs its own (replays are refused).</summary>
    private static byte[] Token()
    {
        using var client = new NegotiateAuthentication(new NegotiateAuthenticationClientOptions
        {
            Package = "Negotiate",
            Credential = new NetworkCredential("alice@EXAMPLE.TEST", "alice-pass"),
            TargetName = Principal,
        });
        return client.GetOutgoingBlob(ReadOnlySpan<byte>.Empty, out var status)
            ?? throw new InvalidOperationException($"No Kerberos token from the KDC: {status}");
    }

    private static async Task LogInAsync(HttpClient http, HttpMethod method, string scheme, byte[] credentials)
    {
        using var request = new HttpRequestMessage(method, "/login");
        request.Headers.Authorization = new(scheme, Convert.ToBase64String(credentials));
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"{scheme} login answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record Block(List<double> Latencies, double CpuMsPerLogin);

    private static string Render(Block kerberos, Block basic, double latency, double cpu)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"an MIT KDC (Debian krb5-kdc) in a container on a loopback port; sequential logins at one identity service, each kind in its own block after {WarmUp.TotalSeconds:F0} s of its own warm-up; tokens made before their block.");
        text.AppendLine();
        text.AppendLine("| login | logins | p50 ms | p90 ms | p99 ms | service CPU ms/login |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(inv, $"| `GET /login`, `Authorization: Negotiate` (GSSAPI accept, replay record and throttle in Redis, roles, session) | {kerberos.Latencies.Count} | {LatencySummary.Percentile(kerberos.Latencies, 0.50):F2} | {LatencySummary.Percentile(kerberos.Latencies, 0.90):F2} | {LatencySummary.Percentile(kerberos.Latencies, 0.99):F2} | {kerberos.CpuMsPerLogin:F2} |");
        text.AppendLine(inv, $"| `POST /login`, `Authorization: Basic` (one PBKDF2 verification, roles, session) | {basic.Latencies.Count} | {LatencySummary.Percentile(basic.Latencies, 0.50):F2} | {LatencySummary.Percentile(basic.Latencies, 0.90):F2} | {LatencySummary.Percentile(basic.Latencies, 0.99):F2} | {basic.CpuMsPerLogin:F2} |");
        text.AppendLine();
        text.AppendLine(inv, $"- a Kerberos login over a basic session login: **{latency:+0.00;-0.00} ms** at the median, **{cpu:+0.0;-0.0} ms** of the service's CPU per login.");
        return text.ToString();
    }
}
