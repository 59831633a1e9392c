using AtotiAuth.Shared.Cors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AtotiAuth.Ping.Proxy;

/// <summary>
/// Which pages may open a WebSocket here: the allowed UI origins (<c>AtotiAuth:Cors:AllowedOrigins</c>),
/// compared exactly. Browsers send cookies with a cross-site WebSocket handshake and CORS does not
/// apply to it, so without this check any site could drive the user's socket (cross-site WebSocket
/// hijacking). A handshake without <c>Origin</c> is refused too: every browser sends one.
/// </summary>
internal sealed class WebSocketOrigins(IOptions<UiCorsOptions> cors)
{
    private readonly HashSet<string> _allowed = new(cors.Value.AllowedOrigins, StringComparer.Ordinal);

    public bool IsAllowed(StringValues origin) => origin.Count == 1 && origin[0] is { } value && _allowed.Contains(value);

    /// <summary>True for a WebSocket handshake, HTTP/1.1 <c>Upgrade</c> or HTTP/2 extended CONNECT (RFC 8441).</summary>
    public static bool IsUpgrade(HttpContext context) =>
        context.Request.Headers.Upgrade.Count > 0
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
}
