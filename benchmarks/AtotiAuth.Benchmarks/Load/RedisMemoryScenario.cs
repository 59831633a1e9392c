using System.Diagnostics;
using System.Globalization;
using System.Text;
using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// Redis memory per idle session (issue 9: under 1 KB) at 10k, 100k and 1M sessions, each made through
/// the store's own <see cref="ISessionStore.CreateAsync"/>, each of another user (the worst case: one
/// user index per session). In Redis database 1, emptied before and after, so that the services' own
/// keys (database 0) do not count.
/// </summary>
internal static class RedisMemoryScenario
{
    private const int Database = 1;
    private const int Concurrency = 64;

    public static async Task RunAsync(LoadRun run)
    {
        var inv = CultureInfo.InvariantCulture;
        var options = ConfigurationOptions.Parse(run.Redis.ConnectionString);
        options.DefaultDatabase = Database;
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var db = redis.GetDatabase();
        await db.ExecuteAsync("FLUSHDB");
        using var host = StoreHost.Build(run.Redis.ConnectionString + $",defaultDatabase={Database}", $"bench-mem-{Guid.NewGuid():N}:");
        var store = host.Services.GetRequiredService<ISessionStore>();
        try
        {
            var text = new StringBuilder();
            text.AppendLine("| sessions | written in s | `used_memory` growth MiB | bytes per session |");
            text.AppendLine("|---:|---:|---:|---:|");
            var empty = await run.Redis.UsedMemoryAsync();
            var written = 0;
            foreach (var target in run.Quick ? new[] { 10_000, 100_000 } : [10_000, 100_000, 1_000_000])
            {
                Console.WriteLine($"memory: sessions through ISessionStore.CreateAsync up to {target:N0}");
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
                {
                    for (var i = Interlocked.Increment(ref written) - 1; i < target; i = Interlocked.Increment(ref written) - 1)
                    {
                        await store.CreateAsync(new NewSession(string.Create(inv, $"u{i:D9}"), "basic", ["ROLE_USER"]));
                    }
                }));
                written = target;
                var growth = await run.Redis.UsedMemoryAsync() - empty;
                var perSession = growth / (double)target;
                text.AppendLine(inv, $"| {target:N0} | {clock.Elapsed.TotalSeconds:F1} | {growth / 1048576.0:F1} | {perSession:F0} |");
                run.Target($"Redis memory per idle session ({target:N0})", "< 1 KB", string.Create(inv, $"{perSession:F0} B"), perSession < 1024);
            }

            run.AddSection("memory", $"Redis memory per idle session ({run.Redis.Networking}):\n\n{text}");
        }
        finally
        {
            await db.ExecuteAsync("FLUSHDB", "ASYNC");
        }
    }
}
