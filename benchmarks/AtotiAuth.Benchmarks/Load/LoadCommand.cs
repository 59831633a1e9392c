using System.Globalization;
using System.Security.Cryptography;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// The load harness: starts the baseline and the services as their own processes against a real
/// Redis, drives each with wrk in the same run, and writes the figures into docs/benchmarks.md.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var root = FindRoot();
        var settings = new LoadSettings(
            Duration: TimeSpan.FromSeconds(quick ? 5 : 15),
            Warmup: TimeSpan.FromSeconds(quick ? 2 : 5),
            Connections: 32,
            Threads: 2,
            ReportScript: Path.Combine(root, "benchmarks", "load", "report.lua"));

        var results = new List<LoadResult>();
        var notes = new List<string>();
        await using var redis = await RedisContainer.StartAsync();
        var keys = WriteSigningKey();

        await using (var baseline = await ServiceProcess.StartAsync(Built(root, "benchmarks/AtotiAuth.Baseline", "AtotiAuth.Baseline"), new Dictionary<string, string>(), "/constant"))
        {
            results.Add(await Wrk.RunAsync("constant endpoint (baseline)", new Uri(baseline.Url, "/constant"), settings));
        }

        var prefix = $"bench-{Guid.NewGuid():N}:";
        await using (var token = await ServiceProcess.StartAsync(Built(root, "services/token", "AtotiAuth.Token"), new Dictionary<string, string>
        {
            ["AtotiAuth__Store__Redis"] = redis.ConnectionString,
            ["AtotiAuth__Store__KeyPrefix"] = prefix,
            ["AtotiAuth__Token__Issuer"] = "http://127.0.0.1",
            ["AtotiAuth__Token__Signing__KeyDirectory"] = keys,
        }))
        {
            var cookie = await CreateSessionCookieAsync(redis.ConnectionString, prefix);
            results.Add(await Wrk.RunAsync("GET /jwt (RS512, Redis)", new Uri(token.Url, "/jwt"), settings, new Dictionary<string, string> { ["Cookie"] = cookie }));
            notes.Add(FormattableString.Invariant($"token service resident memory after the run: {token.ResidentMemoryMiB():F0} MiB"));
        }

        var table = LoadReport.Render(results, settings, notes);
        Console.WriteLine(table);
        LoadReport.WriteSection(Path.Combine(root, "docs", "benchmarks.md"), "load", table);
        return results.Any(static r => r.Failures > 0) ? 1 : 0;
    }

    private static string Built(string root, string folder, string assembly) =>
        Path.Combine(root, folder, "bin", "Release", "net10.0", assembly + ".dll");

    private static string WriteSigningKey()
    {
        var directory = Directory.CreateTempSubdirectory("atotiauth-bench-keys-").FullName;
        using var rsa = RSA.Create(3072);
        File.WriteAllText(Path.Combine(directory, "bench-1.pem"), rsa.ExportPkcs8PrivateKeyPem());
        return directory;
    }

    /// <summary>A session made through the real store, as a login makes it; the load run measures /jwt alone.</summary>
    private static async Task<string> CreateSessionCookieAsync(string redis, string prefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{StoreOptions.SectionName}:Redis"] = redis,
            [$"{StoreOptions.SectionName}:KeyPrefix"] = prefix,
        });
        builder.AddAtotiAuthStore();
        using var host = builder.Build();
        var sessions = host.Services.GetRequiredService<ISessionStore>();
        var issued = await sessions.CreateAsync(new NewSession("bench-user", "basic", ["ROLE_USER"]));
        return string.Create(CultureInfo.InvariantCulture, $"{new SessionOptions().CookieName}={issued.Ticket}");
    }

    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtotiAuth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository (AtotiAuth.sln not found).");
    }
}
