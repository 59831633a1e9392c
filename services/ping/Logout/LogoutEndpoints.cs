using AtotiAuth.Ping.Cookies;
using AtotiAuth.Ping.Proxy;
using AtotiAuth.Shared.Cors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Logout;

/// <summary>
/// <c>POST /logout</c>, which the UI sends to every server at logout (seed 002): clears this cube's
/// cookie, and in front of an Atoti server forwards the logout so that the server ends its own session
/// too. It ends no AtotiAuth session (the JWT server's <c>/logout</c> revokes it, and every sidecar
/// hears of that), so it needs no credential. It is forwarded only from an allowed UI origin or the
/// cube's own (or with no <c>Origin</c>): another site can clear the cookie, not end the server's session.
/// </summary>
internal static class LogoutEndpoints
{
    public static IEndpointRouteBuilder MapLogoutEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/logout")
            .AllowAnonymous()
            .RequireCors(UiCorsExtensions.PolicyName)
            .WithTags("Logout");

        group.MapPost(string.Empty, Logout);
        return endpoints;
    }

    internal static async Task<Results<NoContent, EmptyHttpResult>> Logout(
        HttpContext context,
        CubeCookieWriter cookie,
        CubeProxy proxy,
        WebSocketOrigins origins,
        IOptions<PingOptions> options)
    {
        cookie.Delete(context);
        context.Response.Headers.CacheControl = "no-store";
        if (options.Value.Backend != CubeBackend.Atoti || !IsFromUi(context, origins))
        {
            return TypedResults.NoContent();
        }

        // The server's answer, whatever it is, is the logout's: its own cookie's deletion reaches the browser.
        if (proxy.Report(context, await proxy.SendAsync(context)) is not null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }

        return TypedResults.Empty;
    }

    private static bool IsFromUi(HttpContext context, WebSocketOrigins origins)
    {
        var origin = context.Request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        var request = context.Request;
        return origins.IsAllowed(origin) || string.Equals(origin[0], $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
