using System.Diagnostics;
using System.Globalization;
using System.Net;
using AtotiAuth.Identity.Users;
using Microsoft.AspNetCore.Identity;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>The identity service: the login page, an admin read by session cookie, and a password login against one hash.</summary>
internal static class IdentityScenarios
{
    /// <summary>Issue 17's floors on this machine, far above any human load (they replace the retired ratio targets).</summary>
    public const double LoginPageFloor = 2_000;

    public const double AdminReadFloor = 1_000;

    public static async Task RunAsync(LoadRun run, ServiceStack stack)
    {
        var identity = stack.Identity;
        if (run.Options.Wants("login-page"))
        {
            run.FloorTarget(await run.MeasureAsync("GET /login (form page)", new WrkRequest(new Uri(identity.Url, "/login")), identity), LoginPageFloor);
        }

        if (run.Options.Wants("admin"))
        {
            // By session cookie: Basic would cost a password hash per request (see the login row).
            var adminCookie = await BenchHttp.LoginAsync(identity.Url, ServiceStack.AdminName, ServiceStack.AdminPassword);
            run.FloorTarget(await run.MeasureAsync("GET /admin/users (admin session cookie)", new WrkRequest(new Uri(identity.Url, "/admin/users"), GatewayScenarios.Cookie(adminCookie)), identity), AdminReadFloor);
        }

        if (run.Options.Wants("login"))
        {
            await LoginAsync(run, identity);
        }
    }

    private static async Task LoginAsync(LoadRun run, ServiceProcess identity)
    {
        // Successes never count towards the throttle, so one user may log in at full speed. A .NET loop
        // with a fixed count and one request per core: the CPU per login is then exact (nothing in flight
        // at the end), which wrk's 32 connections queued behind ~5 hashes/s per core would not give.
        var count = run.Quick ? 10 : 60;
        var concurrency = Environment.ProcessorCount;
        var authorization = BenchHttp.Basic(ServiceStack.UserName, ServiceStack.UserPassword);
        var loginUrl = new Uri(identity.Url, "/login");
        Console.WriteLine("load: POST /login (client loop)");
        var login = await ClientLoop.RunAsync(count, concurrency, HttpStatusCode.Found, _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, loginUrl);
            request.Headers.Authorization = authorization;
            return request;
        }, identity);
        if (login.Failures > 0)
        {
            run.Failures.Add($"POST /login: {login.Failures} unexpected answers");
        }

        var hashMs = MeasureHashMs(run.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3));
        var loginCpu = login.ServerCpuMsPerRequest ?? double.NaN;
        var inv = CultureInfo.InvariantCulture;
        run.AddSection("load", string.Join('\n',
            string.Create(inv, $"Password login: {count} `POST /login` (Basic), {concurrency} concurrent, beside one `PasswordHasher` verification per thread and core in the harness:"),
            string.Empty,
            "| scenario | requests/s | p50 ms | p99 ms | max ms | server CPU ms/req | failed |",
            "|---|---:|---:|---:|---:|---:|---:|",
            string.Create(inv, $"| POST /login (Basic) | {login.RequestsPerSecond:F1} | {login.Latency.P50Ms:F1} | {login.Latency.P99Ms:F1} | {login.Latency.MaxMs:F1} | {loginCpu:F1} | {login.Failures} |"),
            string.Create(inv, $"| one hash verification (in-process, one thread per core) | {1000 / hashMs:F1} per core | | | | {hashMs:F1} | |")));
        run.Target("POST /login (Basic)", "CPU per login ~ one hash (<= 1.5x)", string.Create(inv, $"{loginCpu:F1} ms CPU = {loginCpu / hashMs:F2}x one hash ({hashMs:F1} ms)"), loginCpu <= 1.5 * hashMs);
    }

    /// <summary>
    /// CPU milliseconds per verification of a correct password, with one thread per core verifying at
    /// once for about <paramref name="budget"/>: the same concurrency as the login loop, so that cores
    /// that share their execution units (SMT siblings of a virtual machine) slow both sides alike.
    /// </summary>
    private static double MeasureHashMs(TimeSpan budget)
    {
        // The identity service's work factor (services/identity/Login/LoginExtensions.cs).
        var hasher = new PasswordHasher<BasicUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }));
        var user = new BasicUser("bench", string.Empty, UserStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var hash = hasher.HashPassword(user, ServiceStack.UserPassword);
        hasher.VerifyHashedPassword(user, hash, ServiceStack.UserPassword);
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var count = 0;
        var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < budget)
            {
                if (hasher.VerifyHashedPassword(user, hash, ServiceStack.UserPassword) == PasswordVerificationResult.Failed)
                {
                    throw new InvalidOperationException("The hash did not verify.");
                }

                Interlocked.Increment(ref count);
            }
        })).ToList();
        threads.ForEach(static t => t.Start());
        threads.ForEach(static t => t.Join());
        self.Refresh();
        return (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
    }
}
