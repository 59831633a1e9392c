using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>
/// WebSocket message round trip to the sample cube's <c>/ws</c> echo, through a sidecar (cookie from
/// ping, allowed Origin) and straight to the cube: one socket, sequential messages, same run.
/// </summary>
internal static class WebSocketScenario
{
    public const string Origin = "http://127.0.0.1:5173";

    public static async Task RunAsync(LoadRun run, ServiceStack stack, string jwt)
    {
        var messages = run.Quick ? 500 : 5_000;
        Console.WriteLine($"load: WebSocket round trips ({messages} per path)");
        var sidecar = stack.Sidecars[0];
        var cubeCookie = await CubeCookieAsync(sidecar.Url, jwt);
        var direct = await RoundTripsAsync(new Uri(stack.Cube.Url, "/ws"), messages, cookie: null);
        var proxied = await RoundTripsAsync(new Uri(sidecar.Url, "/ws"), messages, cubeCookie);

        var inv = CultureInfo.InvariantCulture;
        run.AddSection("load", string.Join('\n',
            string.Create(inv, $"WebSocket round trip ({messages} sequential text messages on one socket to the sample cube's `/ws` echo; through the sidecar with its cookie and an allowed `Origin`; the cube's 100 ms ticks on the same socket are skipped):"),
            string.Empty,
            "| path | messages/s | p50 ms | p99 ms | max ms |",
            "|---|---:|---:|---:|---:|",
            Row("straight to the cube", direct),
            Row("through the ping sidecar", proxied)));
        var ratio = proxied.PerSecond / direct.PerSecond;
        run.Target("WebSocket round trip through the sidecar", "none set", string.Create(inv, $"{ratio:P0} of direct; p50 {proxied.Latency.P50Ms:F2} ms vs {direct.Latency.P50Ms:F2} ms"), met: null);

        string Row(string name, (double PerSecond, LatencySummary Latency) r) => string.Create(inv,
            $"| {name} | {r.PerSecond:F0} | {r.Latency.P50Ms:F3} | {r.Latency.P99Ms:F3} | {r.Latency.MaxMs:F3} |");
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
