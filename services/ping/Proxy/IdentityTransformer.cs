using AtotiAuth.Ping.Authentication;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace AtotiAuth.Ping.Proxy;

/// <summary>YARP's default request copy, then the caller's identity headers, and the sidecar's cookie removed.</summary>
internal sealed class IdentityTransformer(IdentityHeaders identity, IOptions<PingOptions> options) : HttpTransformer
{
    private readonly string _cookieName = options.Value.CookieName;

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext,
        HttpRequestMessage proxyRequest,
        string destinationPrefix,
        CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        if (proxyRequest.Headers.TryGetValues("Cookie", out var cookies))
        {
            var kept = IdentityHeaders.WithoutCookie(string.Join("; ", cookies), _cookieName);
            proxyRequest.Headers.Remove("Cookie");
            if (kept is not null)
            {
                proxyRequest.Headers.TryAddWithoutValidation("Cookie", kept);
            }
        }

        var caller = (SidecarCaller)httpContext.Items[typeof(SidecarCaller)]!;
        identity.AddTo(proxyRequest, caller);
    }
}
