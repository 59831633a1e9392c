using System.Net;
using System.Net.Sockets;

namespace AtotiAuth.Testcontainers.Tests.Kerberos;

/// <summary>
/// Several replicas behind one address, as a Kubernetes Service puts them: each TCP connection goes to
/// the next backend in turn and stays there (kube-proxy balances connections, not requests).
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri[] _backends;
    private readonly int[] _connections;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _next = -1;

    public RoundRobinProxy(IEnumerable<Uri> backends)
    {
        _backends = [.. backends];
        _connections = new int[_backends.Length];
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The one address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Connections each backend received so far.</summary>
    public int[] Connections => [.. _connections.Select(static (_, i) => i).Select(i => Volatile.Read(ref _connections[i]))];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var backend = (int)((uint)Interlocked.Increment(ref _next) % (uint)_backends.Length);
            Interlocked.Increment(ref _connections[backend]);
            _ = PipeAsync(client, _backends[backend]);
        }
    }

    private async Task PipeAsync(TcpClient client, Uri backend)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(backend.Host, backend.Port, _stop.Token);
                var fromClient = client.GetStream();
                var fromServer = server.GetStream();
                await Task.WhenAny(fromClient.CopyToAsync(fromServer, _stop.Token), fromServer.CopyToAsync(fromClient, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // Either side closed: so does the other.
            }
        }
    }
}
