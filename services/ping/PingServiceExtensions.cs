using AtotiAuth.Ping.Authentication;
using AtotiAuth.Ping.Cookies;
using AtotiAuth.Ping.Logout;
using AtotiAuth.Ping.Ping;
using AtotiAuth.Ping.Proxy;
using AtotiAuth.Ping.Revocation;
using AtotiAuth.Shared.Cors;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        builder.Services.AddValidatedOptions<PingOptions>(PingOptions.SectionName);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PingOptions>, PingOptionsValidator>());
        builder.AddCallerAuthentication();
        builder.AddCubeCookies();
        builder.AddSessionRevocations();
        builder.AddCubeProxy();
        return builder;
    }

    /// <summary>Maps ping, logout and, for every other path, the authenticated proxy to the cube.</summary>
    public static IEndpointRouteBuilder MapPingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.UseAtotiAuthCors();
        endpoints.MapPongEndpoints();
        endpoints.MapLogoutEndpoints();
        endpoints.MapProxyEndpoints();
        return endpoints;
    }
}
