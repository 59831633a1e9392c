using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace AtotiAuth.Testing;

/// <summary>A Redis that does not answer: a connection to a closed port, which keeps failing fast.</summary>
public static class ClosedRedis
{
    public static ConnectionMultiplexer Connect()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var configuration = new ConfigurationOptions
        {
            EndPoints = { { IPAddress.Loopback, port } },
            AbortOnConnectFail = false,
            ConnectTimeout = 250,
            AsyncTimeout = 250,
            SyncTimeout = 250,
            ConnectRetry = 0,
        };
        return ConnectionMultiplexer.Connect(configuration);
    }
}
