using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddHttpForwarder();

var app = builder.Build();
var cube = app.Configuration["Cube"] ?? throw new InvalidOperationException("Set Cube to the cube's URL.");

// The sidecar's client (services/ping/Proxy/CubeProxy.cs), so that only the sidecar's own work differs.
var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    EnableMultipleHttp2Connections = true,
    ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
    ConnectTimeout = TimeSpan.FromSeconds(5),
});
app.MapForwarder("/{**path}", cube, ForwarderRequestConfig.Empty, HttpTransformer.Default, client);
app.Run();
