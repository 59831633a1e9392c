using AtotiAuth.Ping.Cookies;
using AtotiAuth.Shared.Jwt;
using Yarp.ReverseProxy.Forwarder;

namespace AtotiAuth.Ping.Proxy;

/// <summary>
/// YARP's default copy of the request and the answer, with what the sidecar owns put right. To the
/// cube: no forwarding or identity header a client wrote, the sidecar's own forwarding headers, the
/// caller's identity headers where the cube trusts them (<see cref="CubeBackend.Headers"/>), and no
/// sidecar cookie (the cube has no use for it). From the cube: no CORS headers (the sidecar answers CORS
/// for its origins), and on a forwarded ping that succeeded, this cube's WebSocket cookie beside the
/// server's own (<see cref="CubeBackend.Atoti"/>).
/// </summary>
internal sealed class CubeTransformer(CubeHeaders headers, CubeCookieWriter cookie, PingOptions options, bool isPing) : HttpTransformer
{
    private readonly string _cookieName = options.CookieName;
    private readonly bool _addIdentity = options.Backend == CubeBackend.Headers;

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext,
        HttpRequestMessage proxyRequest,
        string destinationPrefix,
        CancellationToken cancellationToken)
    {
        headers.StripFrom(httpContext.Request.Headers);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        if (proxyRequest.Headers.TryGetValues("Cookie", out var cookies))
        {
            var kept = CubeHeaders.WithoutCookie(string.Join("; ", cookies), _cookieName);
            proxyRequest.Headers.Remove("Cookie");
            if (kept is not null)
            {
                proxyRequest.Headers.TryAddWithoutValidation("Cookie", kept);
            }
        }

        CubeHeaders.AddForwarding(httpContext, proxyRequest);
        if (_addIdentity && httpContext.Features.Get<AtotiAuthCaller>() is { } caller)
        {
            headers.AddIdentity(proxyRequest, caller);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var copied = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);

        // A server answers CORS only to a request with an Origin: other answers are not searched.
        if (httpContext.Request.Headers.Origin.Count > 0)
        {
            RemoveCorsHeaders(httpContext.Response.Headers);
        }

        if (isPing && proxyResponse is { IsSuccessStatusCode: true } && httpContext.Features.Get<AtotiAuthCaller>() is { } caller)
        {
            cookie.Append(httpContext, caller);
        }

        return copied;
    }

    private static void RemoveCorsHeaders(IHeaderDictionary response)
    {
        List<string>? cors = null;
        foreach (var (name, _) in response)
        {
            if (name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
            {
                (cors ??= []).Add(name);
            }
        }

        foreach (var name in cors ?? [])
        {
            response.Remove(name);
        }
    }
}
