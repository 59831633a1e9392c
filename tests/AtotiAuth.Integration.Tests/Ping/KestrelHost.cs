using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Integration.Tests.Ping;

/// <summary>A service started by <c>WebApplicationFactory</c> on a real Kestrel port (proxies and WebSockets need real sockets).</summary>
public sealed class KestrelHost<TMarker> : WebApplicationFactory<TMarker>
    where TMarker : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public KestrelHost(IReadOnlyDictionary<string, string?> settings, int port = 0, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address);
    }

    /// <summary>Where the service listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The WebSocket address of <paramref name="path"/>.</summary>
    public Uri WebSocket(string path) => new($"ws://{Address.Authority}{path}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }
}
