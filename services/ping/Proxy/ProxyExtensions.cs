using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Proxy;

/// <summary>The authenticating reverse proxy to the cube.</summary>
internal static class ProxyExtensions
{
    public static IHostApplicationBuilder AddCubeProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpForwarder();
        builder.Services.TryAddSingleton<CubeHeaders>();
        builder.Services.TryAddSingleton<WebSocketOrigins>();
        builder.Services.TryAddSingleton<CubeProxy>();
        builder.Services.TryAddSingleton<TrustedProxies>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ForwardedHeadersOptions>, TrustedProxies>());
        return builder;
    }

    /// <summary>The trusted proxies' word on the client, before anything reads it.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<TrustedProxies>().Any)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
