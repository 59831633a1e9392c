using System.Net;
using System.Net.Sockets;

namespace AtotiAuth.Testing;

/// <summary>A loopback TCP port free at the time of asking.</summary>
public static class FreePort
{
    /// <summary>Asks the OS for an unused port.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
