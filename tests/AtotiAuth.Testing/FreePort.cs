using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AtotiAuth.Testing;

/// <summary>
/// An unused port for a test to bind itself, or to publish a container on at a fixed address. Taken
/// below the ephemeral range (32768 and up on Linux), where neither the kernel nor Docker picks ports
/// on their own: a port the OS hands out for port 0 comes from the very range from which Docker
/// publishes other containers' ports, so another test's container could take it first.
/// </summary>
public static class FreePort
{
    private const int First = 10_000;
    private const int Last = 32_000;

    private static readonly ConcurrentDictionary<int, byte> Given = new();

    /// <summary>A port no listener holds now and this process has not handed out before.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (Given.TryAdd(port, 0) && IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Any address: a container published on the port binds them all.
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
