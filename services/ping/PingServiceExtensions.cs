using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;

namespace AtotiAuth.Ping;

/// <summary>The ping sidecar module: ping, the WebSocket cookie, the proxy to its cube (DESIGN.md §1).</summary>
public static class PingServiceExtensions
{
    /// <summary>Registers the sidecar.</summary>
    public static IHostApplicationBuilder AddPingService(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAtotiAuthStore();
        builder.Services.AddValidatedOptions<PingOptions>(PingOptions.SectionName);
        return builder;
    }

    /// <summary>Maps the sidecar's endpoints.</summary>
    public static IEndpointRouteBuilder MapPingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
