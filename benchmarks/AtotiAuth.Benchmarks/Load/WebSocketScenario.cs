using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// WebSocket message round trip to the sample cube's <c>/ws</c> echo, through a sidecar (cookie from
/// ping, allowed Origin), through the bare YARP forwarder and nginx, and straight to the cube: one
/// socket per path, sequential messages, the paths alternated in rounds whose order rotates.
/// </summary>
internal static class WebSocketScenario
{
    public const string Origin = "http://127.0.0.1:5173";

    public static async Task RunAsync(LoadRun run, ServiceStack stack, string jwt, Uri yarp, Uri nginx)
    {
        var messages = run.Quick ? 500 : 3_000;
        var rounds = run.Quick ? 1 : 3;
        Console.WriteLine($"load: WebSocket round trips ({rounds} x {messages} per path)");
        var sidecar = stack.Sidecars[0];
        var cubeCookie = await CubeCookieAsync(sidecar.Url, jwt);
        (string Name, Uri Url, string? Cookie)[] paths =
        [
            ("through the ping sidecar", new Uri(sidecar.Url, "/ws"), cubeCookie),
            ("through a bare YARP forwarder (peer)", new Uri(yarp, "/ws"), null),
            ("through nginx (peer)", new Uri(nginx, "/ws"), null),
            ("straight to the cube", new Uri(stack.Cube.Url, "/ws"), null),
        ];
        var measured = paths.ToDictionary(static p => p.Name, static _ => new List<(double PerSecond, LatencySummary Latency)>(), StringComparer.Ordinal);
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < paths.Length; i++)
            {
                var path = paths[(i + round) % paths.Length];
                measured[path.Name].Add(await RoundTripsAsync(path.Url, messages, path.Cookie));
            }
        }

        var inv = CultureInfo.InvariantCulture;
        double P50(string name) => measured[name].Average(static r => r.Latency.P50Ms);
        run.AddSection("load", string.Join('\n',
            string.Create(inv, $"WebSocket round trip ({rounds} alternated round(s) of {messages} sequential text messages on one socket per path to the sample cube's `/ws` echo; through the sidecar with its cookie and an allowed `Origin`; the cube's 100 ms ticks on the same socket are skipped; means of the rounds):"),
            string.Empty,
            "| path | messages/s | p50 ms | p99 ms | max ms |",
            "|---|---:|---:|---:|---:|",
            string.Join('\n', paths.Select(p => string.Create(inv,
                $"| {p.Name} | {measured[p.Name].Average(static r => r.PerSecond):F0} | {P50(p.Name):F3} | {measured[p.Name].Average(static r => r.Latency.P99Ms):F3} | {measured[p.Name].Max(static r => r.Latency.MaxMs):F3} |")))));
        var sidecarP50 = P50(paths[0].Name);
        var yarpP50 = P50(paths[1].Name);
        run.Target(
            "WebSocket round trip through the sidecar",
            "p50 within 10 % of a bare YARP forwarder's (same run)",
            string.Create(inv, $"{sidecarP50 / yarpP50 - 1:+0%;-0%} ({sidecarP50:F3} ms vs {yarpP50:F3} ms)"),
            sidecarP50 <= yarpP50 * 1.10);
    }

    private static async Task<string> CubeCookieAsync(Uri sidecar, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sidecar, "/ping"));
        request.Headers.Authorization = new("Bearer", jwt);
        using var response = await BenchHttp.Client.SendAsync(request);
        BenchHttp.Expect(response, System.Net.HttpStatusCode.OK, "GET /ping");
        return response.Headers.GetValues("Set-Cookie").First().Split(';')[0];
    }

    private static async Task<(double PerSecond, LatencySummary Latency)> RoundTripsAsync(Uri http, int messages, string? cookie)
    {
        var url = new UriBuilder(http) { Scheme = "ws" }.Uri;
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", Origin);
        if (cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", cookie);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await socket.ConnectAsync(url, timeout.Token);
        var buffer = new byte[4096];
        var samples = new double[messages];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            var payload = Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture));
            var started = Stopwatch.GetTimestamp();
            await socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"{url} closed the socket after {i} messages.");
                }

                if (Encoding.UTF8.GetString(buffer, 0, received.Count).StartsWith("echo:", StringComparison.Ordinal))
                {
                    break;
                }
            }

            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var elapsed = clock.Elapsed;
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        return (messages / elapsed.TotalSeconds, LatencySummary.Of(samples));
    }
}
