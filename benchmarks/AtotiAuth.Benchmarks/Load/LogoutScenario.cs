using System.Diagnostics;
using System.Globalization;
using System.Net;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// Logout: sessions made through the real store (as a login makes them, without its password hash),
/// then spent one per <c>POST /logout</c> by a .NET client loop; the constant endpoint through the same
/// loop for the ratio, since wrk cannot drive requests that each need their own session.
/// </summary>
internal static class LogoutScenario
{
    private const int Concurrency = 32;
    private const string Name = "POST /logout";

    public static async Task RunAsync(LoadRun run, ServiceStack stack, ServiceProcess baseline)
    {
        var count = run.Quick ? 2_000 : 10_000;
        var cookies = await CreateSessionsAsync(run, count);
        HttpRequestMessage Constant(int _) => new(HttpMethod.Get, new Uri(baseline.Url, "/constant"));

        // The wrk scenarios' warm-up, in time: both paths compiled to their final tier, in the services and
        // in the loop (the JIT keeps compiling the logout path for seconds after its first thousands).
        Console.WriteLine($"load: warm-up, {run.Settings.Warmup.TotalSeconds:F0} s of each loop");
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < run.Settings.Warmup)
        {
            await ClientLoop.RunAsync(2_000, Concurrency, HttpStatusCode.OK, Constant);
        }

        warming.Restart();
        while (warming.Elapsed < run.Settings.Warmup)
        {
            warming.Stop();
            var spare = await CreateSessionsAsync(run, 2_000);
            warming.Start();
            await LogoutAsync(stack, spare);
        }

        Console.WriteLine("load: constant endpoint (client loop)");
        var constant = await ClientLoop.RunAsync(count, Concurrency, HttpStatusCode.OK, Constant, baseline);
        Console.WriteLine("load: POST /logout (client loop)");
        var logout = await LogoutAsync(stack, cookies);

        Console.WriteLine("load: the store's sign-out called in the harness (peer)");
        var raw = await SignOutInHarnessAsync(run, count);

        var inv = CultureInfo.InvariantCulture;
        run.AddSection("load", string.Join('\n',
            $"Logout: {count} requests, {Concurrency} concurrent, each `POST /logout` spending its own session; the constant endpoint through the same loop; "
                + "the store's `SignOutAsync` called in the harness as often and as concurrently (the Redis work a logout cannot avoid, no HTTP):",
            string.Empty,
            "| scenario | requests/s | vs constant (same loop) | p50 ms | p99 ms | max ms | server CPU ms/req | failed |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            Row("constant endpoint (client loop)", constant, constant),
            Row("POST /logout (revokes the session, 302)", logout, constant),
            Row("store sign-out in the harness (peer)", raw, constant)));
        var ratio = logout.RequestsPerSecond / constant.RequestsPerSecond;
        run.Target(Name, ">= 50% of constant (same client loop)", ratio.ToString("P0", inv), ratio >= 0.5);
        run.Target(Name + " vs the store's sign-out called raw", "none set (the peer: the same Redis work without HTTP)",
            string.Create(inv, $"{logout.RequestsPerSecond / raw.RequestsPerSecond:P0} ({logout.RequestsPerSecond:N0} vs {raw.RequestsPerSecond:N0} req/s; the peer is {raw.RequestsPerSecond / constant.RequestsPerSecond:P0} of constant)"),
            null);
        foreach (var (name, outcome) in new[] { ("constant (client loop)", constant), ("POST /logout (client loop)", logout), ("store sign-out (peer)", raw) })
        {
            if (outcome.Failures > 0)
            {
                run.Failures.Add($"{name}: {outcome.Failures} unexpected answers");
            }
        }

        // A profile needs the loop again, on sessions of its own: about 3,000 logouts a second at most.
        var target = new ProfileTarget(stack.Identity, async window =>
        {
            var fresh = await CreateSessionsAsync(run, (int)(window.TotalSeconds * 3_000));
            return async _ => (await LogoutAsync(stack, fresh)).RequestsPerSecond;
        });
        run.Profilable[Name] = target;
        await run.ProfileNowAsync(Name, target);

        string Row(string name, ClientLoop.Outcome o, ClientLoop.Outcome reference) => string.Create(inv,
            $"| {name} | {o.RequestsPerSecond:F0} | {o.RequestsPerSecond / reference.RequestsPerSecond:P0} | {o.Latency.P50Ms:F2} | {o.Latency.P99Ms:F2} | {o.Latency.MaxMs:F2} | {(o.ServerCpuMsPerRequest is { } cpu ? cpu.ToString("F3", inv) : "-")} | {o.Failures} |");
    }

    private static Task<ClientLoop.Outcome> LogoutAsync(ServiceStack stack, string[] cookies) => LogoutAsync(stack.Identity, cookies);

    /// <summary>One <c>POST /logout</c> per cookie at <paramref name="identity"/>, <paramref name="concurrency"/> at a time.</summary>
    public static Task<ClientLoop.Outcome> LogoutAsync(ServiceProcess identity, string[] cookies, int concurrency = Concurrency)
    {
        var url = new Uri(identity.Url, "/logout");
        return ClientLoop.RunAsync(cookies.Length, concurrency, HttpStatusCode.Found, i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Headers.Add("Cookie", cookies[i]);
            return request;
        }, identity);
    }

    /// <summary>Sessions of distinct users, one role each, made through the store as a login makes them; their cookies.</summary>
    public static async Task<string[]> CreateSessionsAsync(LoadRun run, int count)
    {
        using var host = StoreHost.Build(run.Redis.ConnectionString, run.Prefix);
        var tickets = await CreateTicketsAsync(host.Services.GetRequiredService<ISessionStore>(), count);
        return [.. tickets.Select(static t => $"{BenchHttp.SessionCookieName}={t}")];
    }

    private static async Task<SessionTicket[]> CreateTicketsAsync(ISessionStore sessions, int count)
    {
        Console.WriteLine($"load: {count} sessions for the logout loop");
        var tickets = new SessionTicket[count];
        var tag = Guid.NewGuid().ToString("N")[..8];
        await ClientLoop.ForEachAsync(count, 64, async i => tickets[i] = (await sessions.CreateAsync(new NewSession($"logout-{tag}-{i}", "basic", ["ROLE_USER"]))).Ticket);
        return tickets;
    }

    /// <summary>
    /// The peer: the store's <see cref="ISessionStore.SignOutAsync"/> (session read, then the revocation
    /// script) called in this process on fresh sessions, <see cref="Concurrency"/> at a time, after a warm-up.
    /// </summary>
    private static async Task<ClientLoop.Outcome> SignOutInHarnessAsync(LoadRun run, int count)
    {
        using var host = StoreHost.Build(run.Redis.ConnectionString, run.Prefix);
        var sessions = host.Services.GetRequiredService<ISessionStore>();
        var warm = await CreateTicketsAsync(sessions, 2_000);
        await ClientLoop.ForEachAsync(warm.Length, Concurrency, i => sessions.SignOutAsync(warm[i]));

        var tickets = await CreateTicketsAsync(sessions, count);
        return await ClientLoop.RunAsync(count, Concurrency, async i => await sessions.SignOutAsync(tickets[i]) is not null);
    }
}
