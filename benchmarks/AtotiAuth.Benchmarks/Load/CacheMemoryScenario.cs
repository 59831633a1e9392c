using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AtotiAuth.Benchmarks.Profiling;
using AtotiAuth.Benchmarks.Run;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// What the local caches cost per session: N distinct sessions served by a sidecar (each a token of
/// its own: the validated-token cache, the session roles and the revocation cache each gain an entry)
/// and by the token service (each a session cookie of its own: the session cache and the token cache),
/// the live managed heap read after a full GC at each step (<see cref="HeapProbe"/>), RSS beside it.
/// Both services are started for this alone, with an ES256 key (a signature costs ~35 µs instead of
/// RS512's ~2 ms, so a million tokens take seconds to make; the entries are the same size either way).
/// </summary>
internal static class CacheMemoryScenario
{
    public const string Section = "memory";
    private const int WarmupSessions = 1_000;

    public static async Task RunAsync(LoadRun run)
    {
        var prefix = $"bench-cache-{Guid.NewGuid():N}:";
        var keys = ServiceStack.WriteSigningKey(ecdsa: true);
        var tokenPort = Ports.Next();
        var issuer = $"http://127.0.0.1:{tokenPort}";
        var tokenEnvironment = ServiceStack.TokenEnvironment(issuer, keys);
        tokenEnvironment["AtotiAuth__Token__Signing__Algorithm"] = "ES256";
        await using var token = await ServiceStack.StartServiceAsync(run, "services/token", "AtotiAuth.Token", tokenEnvironment, tokenPort, prefix: prefix);
        // The sidecar never reaches its cube here: ping answers by itself.
        var sidecarEnvironment = ServiceStack.SidecarEnvironment(new Uri("http://127.0.0.1:9"), issuer, "bench-cache", "BENCH_CACHE");
        sidecarEnvironment["AtotiAuth__Ping__TokenCacheSize"] = "1000000";
        sidecarEnvironment["AtotiAuth__RevocationCache__MaxEntries"] = "2000000";
        // The JIT build: the live heap is read with dotnet-trace, which does not attach to the Native AOT one.
        await using var sidecar = await ServiceStack.StartServiceAsync(run, "services/ping", "AtotiAuth.Ping", sidecarEnvironment, prefix: prefix, managed: true);

        var folder = Path.Combine(run.Root, "artifacts", "bench", RunResources.RunId, "cache-memory");
        Directory.CreateDirectory(folder);
        try
        {
            using var minter = new TokenMinter(keys, await KeyIdAsync(token.Url), issuer);
            var sidecarRows = await SidecarAsync(run, sidecar, minter, prefix, folder);
            var tokenRows = await TokenServiceAsync(run, token, prefix, folder);
            var inv = CultureInfo.InvariantCulture;
            var text = new StringBuilder();
            text.AppendLine(inv, $"Local caches per distinct session served (after {WarmupSessions:N0} sessions of warm-up); live heap after an induced full GC:");
            text.AppendLine();
            text.AppendLine("| process | what each session adds | sessions N | served in s | new sessions/s | live heap MB | heap bytes per session | RSS MB | RSS bytes per session |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in sidecarRows.Concat(tokenRows))
            {
                text.AppendLine(row);
            }

            run.AddSection(Section, text.ToString());
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.txt"))
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<List<string>> SidecarAsync(LoadRun run, ServiceProcess sidecar, TokenMinter minter, string prefix, string folder)
    {
        // A token counts only while its session exists (the allow-list of issue 21): the sessions are
        // made in the store first, and the minted tokens name them.
        using var host = StoreHost.Build(run.Redis.ConnectionString, prefix);
        var store = host.Services.GetRequiredService<ISessionStore>();
        var file = Path.Combine(folder, "tokens.txt");
        return await FillAsync(run, sidecar, "ping sidecar", "validated token, roles, revocation answer", run.Quick ? [10_000] : [10_000, 100_000, 1_000_000],
            new Uri(sidecar.Url, "/ping"), "Authorization", "Bearer ", folder, async (from, count) =>
            {
                Console.WriteLine($"memory: {count:N0} sessions and their tokens for the sidecar");
                var sessions = await CreateSessionsAsync(store, from, count);
                minter.WriteTokens(file, from, sessions.Select(static s => s.Session.Id).ToArray(), TimeSpan.FromMinutes(30));
                return file;
            });
    }

    private static async Task<IssuedSession[]> CreateSessionsAsync(ISessionStore store, int from, int count)
    {
        var sessions = new IssuedSession[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                sessions[i] = await store.CreateAsync(new NewSession($"cache-user-{from + i}", "basic", ["ROLE_USER"]));
            }
        }));
        return sessions;
    }

    private static async Task<List<string>> TokenServiceAsync(LoadRun run, ServiceProcess token, string prefix, string folder)
    {
        using var host = StoreHost.Build(run.Redis.ConnectionString, prefix);
        var store = host.Services.GetRequiredService<ISessionStore>();
        var file = Path.Combine(folder, "cookies.txt");
        // 100,000 is the caches' capacity (see the bounds above): the last step fills them exactly.
        return await FillAsync(run, token, "token service", "checked session, signed token", run.Quick ? [10_000] : [10_000, 100_000],
            new Uri(token.Url, "/jwt"), "Cookie", BenchHttp.SessionCookieName + "=", folder, async (from, count) =>
            {
                Console.WriteLine($"memory: {count:N0} sessions for the token service");
                var cookies = (await CreateSessionsAsync(store, from, count)).Select(static s => s.Ticket.ToString());
                await File.WriteAllLinesAsync(file, cookies);
                return file;
            });
    }

    /// <summary>
    /// Serves the warm-up sessions, then each step's new ones (a request each, their header values
    /// written by <paramref name="writeValues"/>(from, count)), reading the heap after each.
    /// </summary>
    private static async Task<List<string>> FillAsync(LoadRun run, ServiceProcess process, string name, string what, int[] checkpoints,
        Uri url, string header, string prefix, string folder, Func<int, int, Task<string>> writeValues)
    {
        var rows = new List<string>();

        // One request first, as every scenario: its answer checked, the keys fetched and the code jitted
        // before 32 connections arrive at once (that session counts among the warm-up's).
        var first = (await File.ReadAllLinesAsync(await writeValues(0, 1)))[0];
        var status = await BenchHttp.StatusAsync(new WrkRequest(url, new Dictionary<string, string> { [header] = prefix + first }));
        if (status != System.Net.HttpStatusCode.OK)
        {
            run.Failures.Add($"cache-memory: {url.AbsolutePath} at the {name} answered {(int)status}, expected 200; not loaded");
            return rows;
        }

        var served = 1;
        HeapProbe.Reading? start = null;
        foreach (var target in checkpoints.Prepend(WarmupSessions))
        {
            var file = await writeValues(served, target - served);
            var clock = Stopwatch.StartNew();
            var result = await Wrk.SendEachAsync($"{url.AbsolutePath} at the {name}, {target - served:N0} new sessions", url, header, prefix, file, run.Settings, TimeSpan.FromMinutes(20));
            var seconds = clock.Elapsed.TotalSeconds;
            Check(run, result, process);
            if (result.RequestsPerSecond * result.Seconds < target - served)
            {
                run.Failures.Add(string.Create(CultureInfo.InvariantCulture, $"cache-memory: the {name} was sent {result.RequestsPerSecond * result.Seconds:F0} requests of the {target - served} sessions within the time limit"));
                return rows;
            }

            var reading = await HeapProbe.MeasureAsync(run.Root, process, folder);
            if (start is null)
            {
                start = reading;
            }
            else
            {
                rows.Add(Row(name, what, target, target - served, seconds, start, reading));
                Report(run, name, target, start, reading);
            }

            served = target;
        }

        return rows;
    }

    private static void Check(LoadRun run, LoadResult result, ServiceProcess process)
    {
        if (result.Failures > 0)
        {
            var said = process.RecentWarnings() is { Count: > 0 } lines ? $"; its last log lines: {string.Join(" | ", lines)}" : "; it logged nothing";
            run.Failures.Add(FormattableString.Invariant(
                $"cache-memory, {result.Name}: {result.Failures} failed requests ({result.SocketErrors} socket errors or time-outs of 5 s, {result.Failures - result.SocketErrors} answers other than 2xx), p99 {result.P99Ms:F1} ms{said}"));
        }
    }

    private static string Row(string process, string what, int sessions, int added, double seconds, HeapProbe.Reading start, HeapProbe.Reading now) => string.Create(CultureInfo.InvariantCulture,
        $"| {process} | {what} | {sessions:N0} | {seconds:F1} | {added / seconds:F0} | {now.LiveHeapBytes / 1e6:F1} | **{PerSession(start.LiveHeapBytes, now.LiveHeapBytes, sessions):F0}** | {now.ResidentBytes / 1e6:F0} | {PerSession(start.ResidentBytes, now.ResidentBytes, sessions):F0} |");

    private static void Report(LoadRun run, string process, int sessions, HeapProbe.Reading start, HeapProbe.Reading now) =>
        run.Target($"{process}: local caches per session ({sessions:N0} sessions)", "none set", string.Create(CultureInfo.InvariantCulture,
            $"{PerSession(start.LiveHeapBytes, now.LiveHeapBytes, sessions):F0} B of heap, {PerSession(start.ResidentBytes, now.ResidentBytes, sessions):F0} B of RSS"), met: null);

    private static double PerSession(double start, double now, int sessions) => (now - start) / (sessions - WarmupSessions);

    private static async Task<string> KeyIdAsync(Uri token)
    {
        using var response = await BenchHttp.Client.GetAsync(new Uri(token, "/.well-known/jwks.json"));
        BenchHttp.Expect(response, System.Net.HttpStatusCode.OK, "GET /.well-known/jwks.json");
        using var jwks = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return jwks.RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!;
    }
}
