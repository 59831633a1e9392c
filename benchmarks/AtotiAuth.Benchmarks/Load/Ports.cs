using System.Net;
using System.Net.Sockets;

namespace AtotiAuth.Benchmarks.Load;

internal static class Ports
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
