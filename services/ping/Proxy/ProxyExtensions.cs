using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Ping.Proxy;

/// <summary>The authenticating reverse proxy to the cube.</summary>
internal static class ProxyExtensions
{
    public static IHostApplicationBuilder AddCubeProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpForwarder();
        builder.Services.TryAddSingleton<IdentityHeaders>();
        builder.Services.TryAddSingleton<IdentityTransformer>();
        builder.Services.TryAddSingleton<WebSocketOrigins>();
        builder.Services.TryAddSingleton<CubeProxy>();
        return builder;
    }
}
