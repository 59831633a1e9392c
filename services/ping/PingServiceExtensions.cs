using AtotiAuth.Ping.Authentication;
using AtotiAuth.Ping.Cookies;
using AtotiAuth.Ping.Logout;
using AtotiAuth.Ping.Metrics;
using AtotiAuth.Ping.Ping;
using AtotiAuth.Ping.Proxy;
using AtotiAuth.Ping.Revocation;
using AtotiAuth.Shared.Cors;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping;

/// <summary>The ping sidecar module: ping, the WebSocket cookie, the proxy to its cube (DESIGN.md §1).</summary>
public static class PingServiceExtensions
{
    /// <summary>Registers the sidecar.</summary>
    public static IHostApplicationBuilder AddPingService(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAtotiAuthStore();
        builder.AddAtotiAuthCors();
        builder.Services.AddValidatedOptions<PingOptions, PingOptionsValidator>(PingOptions.SectionName);
        builder.AddSessionRevocations();
        builder.AddCubeCookies();
        builder.AddCallerAuthentication();
        builder.AddCubeProxy();
        return builder;
    }

    /// <summary>
    /// The sidecar's pipeline (a trusted proxy's word on the client, CORS, then authentication and
    /// authorization, which every endpoint declares) and its endpoints: ping, logout and, for every other
    /// path, the authenticated proxy to the cube.
    /// </summary>
    public static IEndpointRouteBuilder MapPingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints is IApplicationBuilder app)
        {
            app.UseSidecarRequestMetrics();
            app.UseTrustedProxies();
        }

        endpoints.UseAtotiAuthPipeline();

        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<PingOptions>>().Value;
        endpoints.MapPongEndpoints(options);
        endpoints.MapLogoutEndpoints();
        endpoints.MapProxyEndpoints(options);
        return endpoints;
    }
}
