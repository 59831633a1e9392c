using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// Revocation latency: per trial a login, a JWT, each sidecar warmed (ping 200), then <c>POST /logout</c>
/// at the identity service, and each sidecar polled back to back with the JWT until it refuses (401).
/// The time counted is from the logout's response to each sidecar's first refusal.
/// </summary>
internal static class RevocationScenario
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(LoadRun run, ServiceStack stack)
    {
        var trials = run.Quick ? 20 : 200;
        Console.WriteLine($"load: revocation latency, {trials} trials, {stack.Sidecars.Count} sidecars");
        var perSidecar = stack.Sidecars.Select(static _ => new List<double>()).ToArray();
        var logoutMs = new List<double>();
        var failures = 0;
        // The first trial runs the revocation path of every process cold (JIT, first pub/sub message):
        // reported on its own, not mixed into the distribution.
        var (coldLogout, cold) = await TrialAsync(stack);
        for (var trial = 0; trial < trials; trial++)
        {
            var (logout, refusals) = await TrialAsync(stack);
            logoutMs.Add(logout);
            for (var i = 0; i < refusals.Length; i++)
            {
                if (refusals[i] is { } ms)
                {
                    perSidecar[i].Add(ms);
                }
                else
                {
                    failures++;
                }
            }
        }

        var all = LatencySummary.Of(perSidecar.SelectMany(static l => l).ToList());
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Revocation latency: {trials} trials; per trial a Basic login, a JWT, a 200 ping at each of {stack.Sidecars.Count} sidecars (distinct `CubeId`/`CookieName`, one Redis), then `POST /logout` at the identity service, then each sidecar polled with back-to-back `GET /ping` (same JWT) until the first 401. Time from the logout's response to that 401, which includes the 401 request's own round trip:");
        text.AppendLine();
        text.AppendLine("| sidecar | trials refused | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        for (var i = 0; i < perSidecar.Length; i++)
        {
            var s = LatencySummary.Of(perSidecar[i]);
            text.AppendLine(inv, $"| ping sidecar {i + 1} | {s.Count}/{trials} | {s.P50Ms:F2} | {s.P99Ms:F2} | {s.MaxMs:F2} |");
        }

        text.AppendLine(inv, $"| all | {all.Count}/{trials * perSidecar.Length} | {all.P50Ms:F2} | {all.P99Ms:F2} | {all.MaxMs:F2} |");
        text.AppendLine();
        text.AppendLine(inv, $"The logout itself (request sent to 302 received): {LatencySummary.Of(logoutMs)}.");
        text.AppendLine(inv, $"The first (cold, uncounted) trial: logout {coldLogout:F1} ms, first refusals {string.Join(", ", cold.Select(static c => c is { } ms ? ms.ToString("F1", CultureInfo.InvariantCulture) + " ms" : "none"))}.");
        run.AddSection("load", text.ToString());
        for (var i = 0; i < perSidecar.Length; i++)
        {
            var s = LatencySummary.Of(perSidecar[i]);
            run.Target($"revocation, logout to first refusal at ping sidecar {i + 1}", "p99 <= 100 ms", string.Create(inv, $"p99 {s.P99Ms:F2} ms (p50 {s.P50Ms:F2}, max {s.MaxMs:F2}; {s.Count}/{trials} refused)"), s.Count == trials && s.P99Ms <= 100);
        }
        if (failures > 0)
        {
            run.Failures.Add($"revocation: {failures} sidecar polls still answered 200 after {PollLimit.TotalSeconds:F0} s");
        }
    }

    private static async Task<(double LogoutMs, double?[] RefusalMs)> TrialAsync(ServiceStack stack)
    {
        var cookie = await BenchHttp.LoginAsync(stack.Identity.Url, ServiceStack.UserName, ServiceStack.UserPassword);
        var jwt = await BenchHttp.JwtAsync(stack.Token.Url, cookie);
        foreach (var sidecar in stack.Sidecars)
        {
            if (await PingAsync(sidecar.Url, jwt) != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"warm-up ping at {sidecar.Url} was refused");
            }
        }

        using var logout = new HttpRequestMessage(HttpMethod.Post, new Uri(stack.Identity.Url, "/logout"));
        logout.Headers.Add("Cookie", cookie);
        var sent = Stopwatch.GetTimestamp();
        using (var response = await BenchHttp.Client.SendAsync(logout))
        {
            BenchHttp.Expect(response, HttpStatusCode.Found, "POST /logout");
        }

        var answered = Stopwatch.GetTimestamp();
        var refusals = await Task.WhenAll(stack.Sidecars.Select(s => FirstRefusalAsync(s.Url, jwt, answered)));
        return (Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds, refusals);
    }

    /// <summary>Milliseconds from <paramref name="since"/> to the first 401, or null when none came within <see cref="PollLimit"/>.</summary>
    private static async Task<double?> FirstRefusalAsync(Uri sidecar, string jwt, long since)
    {
        while (Stopwatch.GetElapsedTime(since) < PollLimit)
        {
            var status = await PingAsync(sidecar, jwt);
            if (status == HttpStatusCode.Unauthorized)
            {
                return Stopwatch.GetElapsedTime(since).TotalMilliseconds;
            }

            if (status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"ping at {sidecar} answered {(int)status} while waiting for the revocation");
            }
        }

        return null;
    }

    private static async Task<HttpStatusCode> PingAsync(Uri sidecar, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sidecar, "/ping"));
        request.Headers.Authorization = new("Bearer", jwt);
        using var response = await BenchHttp.Client.SendAsync(request);
        return response.StatusCode;
    }
}
