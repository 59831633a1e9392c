using System.Net.WebSockets;
using System.Text;
using AtotiAuth.Samples.Cube.Atoti;
using AtotiAuth.Samples.Cube.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Samples.Cube.Updates;

/// <summary>
/// <c>/ws</c> (and the Atoti stand-in's WebSocket path): a WebSocket that streams a counter every 100 ms (like a cube's real-time query updates)
/// and echoes every text message back as <c>echo:&lt;message&gt;</c>. It greets with the user it was
/// opened for, so tests can see the identity header reached it.
/// </summary>
internal static class UpdatesEndpoints
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    public static IEndpointRouteBuilder MapUpdatesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(string.Empty).AllowAnonymous();
        group.Map("/ws", Stream);
        return endpoints;
    }

    internal static async Task<Results<EmptyHttpResult, BadRequest<string>>> Stream(HttpContext context, TimeProvider time, IOptions<CubeIdentityOptions> identity)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.BadRequest("WebSocket only.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var sending = new SemaphoreSlim(1, 1);
        // Who the socket is for: the Atoti stand-in's authenticated caller, or the sidecar's identity header.
        var user = context.Features.Get<AtotiCaller>()?.User ?? context.Request.Headers[identity.Value.UserHeader].ToString();
        await SendAsync(socket, sending, $"hello:{user}", done.Token);

        var counter = CountAsync(socket, sending, time, done.Token);
        try
        {
            await EchoAsync(socket, sending, done.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The peer (or the sidecar) went away: nothing to answer.
        }
        finally
        {
            await done.CancelAsync();
            await counter.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            sending.Dispose();
        }

        return TypedResults.Empty;
    }

    private static async Task CountAsync(WebSocket socket, SemaphoreSlim sending, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        for (var n = 1L; await timer.WaitForNextTickAsync(cancellationToken); n++)
        {
            await SendAsync(socket, sending, $"tick:{n}", cancellationToken);
        }
    }

    private static async Task EchoAsync(WebSocket socket, SemaphoreSlim sending, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await sending.WaitAsync(cancellationToken);
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                }
                finally
                {
                    sending.Release();
                }

                return;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, received.Count);
            await SendAsync(socket, sending, $"echo:{text}", cancellationToken);
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim sending, string text, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            sending.Release();
        }
    }
}
