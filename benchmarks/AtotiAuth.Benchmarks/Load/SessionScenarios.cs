using System.Globalization;
using System.Net;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// Redis memory per idle session, and logout: sessions made through the real store (as a login makes
/// them, without its password hash), then spent one per <c>POST /logout</c> by a .NET client loop.
/// </summary>
internal static class SessionScenarios
{
    private const int IdleSessions = 10_000;
    private const int Concurrency = 32;

    public static async Task RunAsync(LoadRun run, ServiceStack stack, ServiceProcess baseline)
    {
        var cookies = await MeasureIdleSessionsAsync(run);
        var count = run.Quick ? 2_000 : IdleSessions;

        Console.WriteLine("load: constant endpoint (client loop)");
        var constant = await ClientLoop.RunAsync(count, Concurrency, HttpStatusCode.OK, _ => new HttpRequestMessage(HttpMethod.Get, new Uri(baseline.Url, "/constant")), baseline);
        Console.WriteLine("load: POST /logout (client loop)");
        var logoutUrl = new Uri(stack.Identity.Url, "/logout");
        var logout = await ClientLoop.RunAsync(count, Concurrency, HttpStatusCode.Found, i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, logoutUrl);
            request.Headers.Add("Cookie", cookies[i]);
            return request;
        }, stack.Identity);

        var inv = CultureInfo.InvariantCulture;
        run.Sections.Add(string.Join('\n',
            $"Logout, .NET client loop ({count} requests, {Concurrency} concurrent, each `POST /logout` spending its own session; the constant endpoint through the same loop for the ratio):",
            string.Empty,
            "| scenario | requests/s | vs constant (same loop) | p50 ms | p99 ms | max ms | server CPU ms/req | failed |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            Row("constant endpoint (client loop)", constant, constant),
            Row("POST /logout (revokes the session, 302)", logout, constant)));
        var ratio = logout.RequestsPerSecond / constant.RequestsPerSecond;
        run.Target("POST /logout", ">= 50% of constant (same client loop)", ratio.ToString("P0", inv), ratio >= 0.5);
        foreach (var (name, outcome) in new[] { ("constant (client loop)", constant), ("POST /logout (client loop)", logout) })
        {
            if (outcome.Failures > 0)
            {
                run.Failures.Add($"{name}: {outcome.Failures} unexpected answers");
            }
        }

        string Row(string name, ClientLoop.Outcome o, ClientLoop.Outcome reference) => string.Create(inv,
            $"| {name} | {o.RequestsPerSecond:F0} | {o.RequestsPerSecond / reference.RequestsPerSecond:P0} | {o.Latency.P50Ms:F2} | {o.Latency.P99Ms:F2} | {o.Latency.MaxMs:F2} | {o.ServerCpuMsPerRequest:F3} | {o.Failures} |");
    }

    /// <summary>Creates <see cref="IdleSessions"/> sessions (distinct users) and reports Redis's <c>used_memory</c> growth per session.</summary>
    private static async Task<string[]> MeasureIdleSessionsAsync(LoadRun run)
    {
        Console.WriteLine($"load: {IdleSessions} idle sessions in Redis");
        using var host = StoreHost(run);
        var sessions = host.Services.GetRequiredService<ISessionStore>();
        var before = await run.Redis.UsedMemoryAsync();
        var cookies = new string[IdleSessions];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < IdleSessions; i = Interlocked.Increment(ref next))
            {
                var issued = await sessions.CreateAsync(new NewSession($"idle-user-{i}", "basic", ["ROLE_USER"]));
                cookies[i] = $"{BenchHttp.SessionCookieName}={issued.Ticket}";
            }
        }));
        var after = await run.Redis.UsedMemoryAsync();
        var perSession = (after - before) / (double)IdleSessions;
        run.Sections.Add(string.Create(CultureInfo.InvariantCulture,
            $"Redis `used_memory` {before / 1024.0 / 1024.0:F1} MiB before and {after / 1024.0 / 1024.0:F1} MiB after {IdleSessions} sessions (one per user, one role, via `ISessionStore.CreateAsync`): **{perSession:F0} bytes per idle session** (everything the store writes for one session)."));
        run.Target("Redis memory per idle session", "< 1 KB", string.Create(CultureInfo.InvariantCulture, $"{perSession:F0} B"), perSession < 1024);
        return cookies;
    }

    private static IHost StoreHost(LoadRun run)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{StoreOptions.SectionName}:Redis"] = run.Redis.ConnectionString,
            [$"{StoreOptions.SectionName}:KeyPrefix"] = run.Prefix,
        });
        builder.AddAtotiAuthStore();
        return builder.Build();
    }
}
