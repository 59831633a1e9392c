using System.Net.WebSockets;
using System.Text;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>A WebSocket opened through the gateway, with the handler that carries it.</summary>
internal sealed class GatewaySocket(ClientWebSocket socket, HttpMessageInvoker invoker) : IDisposable
{
    public ClientWebSocket Socket { get; } = socket;

    public Task SendAsync(string text, CancellationToken cancellationToken)
        => Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>The next text message, or null when the peer closed or dropped the socket.</summary>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var received = await Socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(message.ToArray());
                }
            }
        }
        catch (WebSocketException)
        {
            // Aborted by the server (the sidecar drops a revoked session's sockets): the socket is gone.
            return null;
        }
    }

    /// <summary>Reads until a message satisfies the predicate; null if the socket ends first.</summary>
    public async Task<string?> ReceiveUntilAsync(Func<string, bool> predicate, CancellationToken cancellationToken)
    {
        while (await ReceiveAsync(cancellationToken) is { } message)
        {
            if (predicate(message))
            {
                return message;
            }
        }

        return null;
    }

    public void Dispose()
    {
        Socket.Dispose();
        invoker.Dispose();
    }
}
