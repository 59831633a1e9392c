using AtotiAuth.Identity.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.AdminConsole;

/// <summary>
/// The admin console (issue 16): <c>/admin/</c> is a static page for holders of the admin role, signed
/// in through the normal login (an anonymous browser is sent to <c>/login</c> and back, a signed-in
/// non-admin gets a readable 403 page); its script and style sheet under <c>/admin/console/</c> are
/// public, as they hold no data. It calls the admin API same-origin with the session cookie, under a
/// Content-Security-Policy that allows no inline script and no other origin.
/// </summary>
internal static class AdminConsoleEndpoints
{
    // "/admin/" answers "/admin" too: routing ignores a trailing slash.

    /// <summary>Folder of the console's files beside the service's assembly.</summary>
    public const string FolderName = "admin-console";

    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["console.js"] = "text/javascript; charset=utf-8",
        ["links.js"] = "text/javascript; charset=utf-8",
        ["audit.js"] = "text/javascript; charset=utf-8",
        ["console.css"] = "text/css; charset=utf-8",
    };

    public static IEndpointRouteBuilder MapAdminConsoleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/", Page).RequireAuthorization(IdentitySchemes.AdminPagePolicy).ExcludeFromDescription();
        endpoints.MapGet("/admin/console/{file}", Asset).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    internal static PhysicalFileHttpResult Page(HttpContext context)
    {
        ApplyHeaders(context.Response);
        return TypedResults.PhysicalFile(PathOf("index.html"), "text/html; charset=utf-8");
    }

    internal static Results<PhysicalFileHttpResult, NotFound> Asset(HttpContext context, string file)
    {
        if (!Assets.TryGetValue(file, out var contentType))
        {
            return TypedResults.NotFound();
        }

        ApplyHeaders(context.Response);
        return TypedResults.PhysicalFile(PathOf(file), contentType);
    }

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, FolderName, file);

    private static void ApplyHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "same-origin";
    }
}
