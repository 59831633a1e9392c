using AtotiAuth.Ping.Cookies;
using AtotiAuth.Shared.Cors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Ping.Logout;

/// <summary>
/// <c>POST /logout</c>, which the UI sends to every server at logout (seed 002): clears this cube's
/// cookie. It ends no session (the JWT server's <c>/logout</c> revokes it, and every sidecar hears of
/// that), so it needs no credential and a forged cross-site call can do no more than clear the cookie.
/// </summary>
internal static class LogoutEndpoints
{
    public static IEndpointRouteBuilder MapLogoutEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/logout")
            .AllowAnonymous()
            .RequireCors(UiCorsExtensions.PolicyName)
            .WithTags("Logout");

        group.MapPost(string.Empty, ClearCookie);
        return endpoints;
    }

    internal static NoContent ClearCookie(HttpContext context, CubeCookieWriter cookie)
    {
        cookie.Delete(context);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.NoContent();
    }
}
