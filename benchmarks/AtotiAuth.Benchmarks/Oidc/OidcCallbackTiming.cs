using System.Diagnostics;
using System.Globalization;
using System.Net;
using AtotiAuth.Benchmarks.Load;
using AtotiAuth.Identity;
using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Benchmarks.Oidc;

/// <summary>
/// Issue 7's "the callback adds under 5 ms of its own to the provider's round trips": N full logins
/// against the real provider container (and a real Redis), the identity service hosted in this process
/// on Kestrel exactly as its Program.cs composes it. For each callback request, its own time = the
/// server's total time minus the time spent in calls to the provider (token endpoint, JWKS, …), both
/// measured in the same request. Usage: <c>oidc-callback [--logins N] [--warmup W] [--in-memory-store]</c>
/// prints the figures; scripts/bench.sh runs it on both stores, with issue 7's target.
/// </summary>
internal static class OidcCallbackTiming
{
    private const string Landing = "/after-login";

    public static async Task<int> RunAsync(string[] args)
    {
        var logins = Option(args, "--logins", 200);
        var warmup = Option(args, "--warmup", 20);
        await using var redis = await RedisContainer.StartAsync();
        await using var provider = await OidcProviderContainer.StartAsync();
        var measured = await MeasureAsync(provider, args.Contains("--in-memory-store") ? null : redis, logins, warmup);
        Console.WriteLine(Report(measured.Samples, measured.ClientMs, warmup));
        return 0;
    }

    /// <summary>
    /// Part of the one benchmark command: the same logins on Redis and on the in-memory store (which
    /// tells the store's round trips from the rest), written as the "oidc" section with issue 7's target.
    /// </summary>
    public static async Task MeasureAsync(LoadRun run)
    {
        var logins = run.Quick ? 50 : 200;
        var warmup = run.Quick ? 10 : 20;
        await using var provider = await OidcProviderContainer.StartAsync();
        var onRedis = await MeasureAsync(provider, run.Redis, logins, warmup);
        var inMemory = await MeasureAsync(provider, null, logins, warmup);
        var inv = CultureInfo.InvariantCulture;
        var own = onRedis.Samples.Select(static s => s.TotalMs - s.ProviderMs).ToList();
        var ownInMemory = inMemory.Samples.Select(static s => s.TotalMs - s.ProviderMs).ToList();
        string Row(string what, string store, List<double> values) => string.Create(inv,
            $"| {what} | {store} | {LatencySummary.Percentile(values, 0.50):F2} | {LatencySummary.Percentile(values, 0.99):F2} | {values.Max():F2} |");
        var text = string.Join('\n',
            string.Create(inv, $"{logins} full logins after {warmup} of warm-up per store, {onRedis.Samples.Average(static s => s.ProviderCalls):F1} provider call(s) per callback; the provider (oidc-provider, test image) published on a loopback port, {run.Redis.Networking}."),
            string.Empty,
            "| callback request, ms | store | p50 | p99 | max |",
            "|---|---|---:|---:|---:|",
            Row("own time (total − provider calls)", "Redis", own),
            Row("provider calls", "Redis", [.. onRedis.Samples.Select(static s => s.ProviderMs)]),
            Row("server total", "Redis", [.. onRedis.Samples.Select(static s => s.TotalMs)]),
            Row("as seen by the browser", "Redis", onRedis.ClientMs),
            Row("own time (total − provider calls)", "in memory", ownInMemory),
            Row("server total", "in memory", [.. inMemory.Samples.Select(static s => s.TotalMs)]));
        run.AddSection("oidc", text);
        // Issue 7 names no percentile ("adds under 5 ms of its own"): judged at the median, as the LDAP
        // target is, with the p99 beside it.
        run.Target("OIDC callback, own time (Redis)", "under 5 ms at the median (issue 7); p99 reported", string.Create(inv, $"p50 {LatencySummary.Percentile(own, 0.50):F2} ms (p99 {LatencySummary.Percentile(own, 0.99):F2})"), LatencySummary.Percentile(own, 0.50) < 5);
        run.Target("OIDC callback, own time (in-memory store)", "none set (tells the store's share)", string.Create(inv, $"p99 {LatencySummary.Percentile(ownInMemory, 0.99):F2} ms (p50 {LatencySummary.Percentile(ownInMemory, 0.50):F2})"), met: null);
    }

    private static async Task<(List<(double TotalMs, double ProviderMs, int ProviderCalls)> Samples, List<double> ClientMs)> MeasureAsync(
        OidcProviderContainer provider, RedisContainer? redis, int logins, int warmup)
    {
        Console.WriteLine($"oidc-callback: {warmup} + {logins} logins, {(redis is null ? "in-memory store" : "Redis")}");
        var clock = new CallbackClock();
        var port = Ports.Next();
        await using var app = BuildIdentity(port, redis?.ConnectionString, provider.Issuer, clock);
        await app.StartAsync();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var clientMs = new List<double>();
        for (var i = 0; i < warmup + logins; i++)
        {
            var observed = await LoginAsync(baseUrl, provider.Issuer);
            if (i >= warmup)
            {
                clientMs.Add(observed);
            }
        }

        await app.StopAsync();
        return ([.. clock.Samples.Skip(warmup)], clientMs);
    }

    private static WebApplication BuildIdentity(int port, string? redis, Uri issuer, CallbackClock clock)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Information-level JSON lines to a console cost milliseconds per request on their own; a
            // deployment ships them asynchronously. Warnings still show.
            ["Logging:LogLevel:Default"] = "Warning",
            ["AtotiAuth:Store:Redis"] = redis,
            ["AtotiAuth:Store:AllowInMemory"] = redis is null ? "true" : null,
            ["AtotiAuth:Store:KeyPrefix"] = $"bench-oidc-{Guid.NewGuid():N}:",
            ["AtotiAuth:Identity:Cookie:Secure"] = "false",
            ["AtotiAuth:Identity:Oidc:AllowInsecureHttp"] = "true",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:IssuerUrl"] = issuer.ToString().TrimEnd('/'),
            ["AtotiAuth:Identity:Oidc:Providers:oidc:ClientId"] = "atotiauth",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:ClientSecret"] = "atotiauth-secret",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:NameClaim"] = "email",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:Scopes:0"] = "openid",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:Scopes:1"] = "email",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:Scopes:2"] = "roles",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:RolesClaims:0"] = "https://example.com/roles",
            ["AtotiAuth:Identity:Oidc:Providers:oidc:RoleMapping:ROLE_ATOTI_USER:0"] = "ROLE_USER",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<IStartupFilter, CallbackTimingFilter>();
        builder.Services.AddHttpClient("AtotiAuth.Oidc").AddHttpMessageHandler(static () => new BackchannelTimer());
        builder.AddServiceDefaults();
        builder.AddIdentityService();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIdentityEndpoints();
        return app;
    }

    /// <summary>One browser login; returns the callback's time as the browser saw it.</summary>
    private static async Task<double> LoginAsync(Uri baseUrl, Uri issuer)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var url = new Uri(baseUrl, "/oauth2/authorization/oidc?redirectUrl=" + Uri.EscapeDataString(Landing));
        var response = await http.GetAsync(url);
        for (var hops = 0; hops < 20; hops++)
        {
            if (response.StatusCode == HttpStatusCode.OK && url.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal))
            {
                response.Dispose();
                using var form = new FormUrlEncodedContent([new("prompt", "login"), new("login", "alice"), new("password", "any")]);
                response = await http.PostAsync(url, form);
                continue;
            }

            if (response.Headers.Location is null)
            {
                throw new InvalidOperationException($"Login stopped at {url} with {(int)response.StatusCode}.");
            }

            url = new Uri(url, response.Headers.Location);
            response.Dispose();
            if (url.Port == baseUrl.Port && url.AbsolutePath.StartsWith("/login/oauth2/code/", StringComparison.Ordinal))
            {
                var start = Stopwatch.GetTimestamp();
                using var callback = await http.GetAsync(url);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (callback.StatusCode != HttpStatusCode.Redirect || callback.Headers.Location?.OriginalString != Landing)
                {
                    throw new InvalidOperationException($"Callback answered {(int)callback.StatusCode}: {await callback.Content.ReadAsStringAsync()}");
                }

                return elapsed;
            }

            response = await http.GetAsync(url);
        }

        throw new InvalidOperationException($"Too many redirects (issuer {issuer}).");
    }

    private static string Report(List<(double TotalMs, double ProviderMs, int ProviderCalls)> samples, List<double> clientMs, int warmup)
    {
        var own = samples.Select(static s => s.TotalMs - s.ProviderMs).ToList();
        var total = samples.Select(static s => s.TotalMs).ToList();
        var providerMs = samples.Select(static s => s.ProviderMs).ToList();
        string Row(string what, List<double> values) => FormattableString.Invariant(
            $"| {what} | {LatencySummary.Percentile(values, 0.50):F2} | {LatencySummary.Percentile(values, 0.99):F2} | {values.Max():F2} |");
        return string.Join('\n',
            FormattableString.Invariant($"{samples.Count} logins measured (after {warmup} warm-up), {samples.Average(static s => s.ProviderCalls):F1} provider calls per callback, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}"),
            "",
            "| callback request, ms | p50 | p99 | max |",
            "|---|---|---|---|",
            Row("own time (total − provider calls)", own),
            Row("provider calls (token endpoint, JWKS…)", providerMs),
            Row("server total", total),
            Row("as seen by the browser", clientMs));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
