using AtotiAuth.Identity.Authentication;
using AtotiAuth.Shared.Hosting;

namespace AtotiAuth.Identity.AdminConsole;

/// <summary>
/// The admin API's defence against cross-site requests made with an admin's session cookie: a write
/// authenticated by the cookie must carry an <c>Origin</c> equal to the service's own (browsers send
/// it on every non-GET request), else 403 <c>cross_site_admin</c>. Scripts authenticating with HTTP Basic
/// carry no ambient credential, so they are not asked for one. The request bodies are JSON only (the
/// endpoints bind JSON; a form or text body answers 415), which no cross-site form can send.
/// </summary>
internal sealed class AdminOriginFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || http.User.Identity?.AuthenticationType != IdentitySchemes.Session
            || IsSameOrigin(request))
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(Problems.Result(IdentityProblems.CrossSiteAdmin));
    }

    internal static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin;
        return origin.Count == 1
            && string.Equals(origin[0], $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }
}
