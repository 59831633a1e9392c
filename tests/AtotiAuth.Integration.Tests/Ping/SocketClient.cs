using System.Net.WebSockets;
using System.Text;

namespace AtotiAuth.Integration.Tests.Ping;

/// <summary>A browser-like WebSocket: the cube cookie and the page's <c>Origin</c> on the handshake.</summary>
public static class SocketClient
{
    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, string? cookie, string? origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", cookie);
        }

        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch (WebSocketException)
        {
            // The caller reads socket.HttpStatusCode.
        }

        return socket;
    }

    /// <summary>The next text message, or null when the socket closed or broke.</summary>
    public static async Task<string?> ReceiveAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var result = await socket.ReceiveAsync(buffer, cancel.Token);
            return result.MessageType == WebSocketMessageType.Close ? null : Encoding.UTF8.GetString(buffer, 0, result.Count);
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    public static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);
}
