using AtotiAuth.Shared.Metrics;

namespace AtotiAuth.Ping.Metrics;

/// <summary>
/// Counts the sidecar's requests by kind (<see cref="AtotiAuthMetrics.SidecarRequests"/>) before anything
/// else runs, refused ones included, from the path alone: no endpoint lookup, no allocation (the tags
/// are static). Health probes are not counted.
/// </summary>
internal static class SidecarRequestMetrics
{
    private static readonly KeyValuePair<string, object?> Ping = new("kind", "ping");
    private static readonly KeyValuePair<string, object?> WebSocket = new("kind", "websocket");
    private static readonly KeyValuePair<string, object?> Logout = new("kind", "logout");
    private static readonly KeyValuePair<string, object?> Proxy = new("kind", "proxy");

    public static IApplicationBuilder UseSidecarRequestMetrics(this IApplicationBuilder app)
        => app.Use(static (context, next) =>
        {
            if (AtotiAuthMetrics.SidecarRequests.Enabled && KindOf(context.Request) is { Key: not null } kind)
            {
                AtotiAuthMetrics.SidecarRequests.Add(1, kind);
            }

            return next(context);
        });

    /// <summary>The request's kind tag, or a default (null key) for a health probe.</summary>
    internal static KeyValuePair<string, object?> KindOf(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        if (path.EndsWith("/ping", StringComparison.Ordinal))
        {
            return Ping;
        }

        if (path == "/logout")
        {
            return Logout;
        }

        if (path is "/healthz" or "/readyz")
        {
            return default;
        }

        return request.Headers.Upgrade.Count > 0 ? WebSocket : Proxy;
    }
}
