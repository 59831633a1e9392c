using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Cookies;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Redirects;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Logout;

/// <summary>
/// <c>GET/POST /logout</c>: revoke the session in the store (every token of it stops working on every
/// cube), clear the cookie, redirect. Cross-site forced logouts are refused by <see cref="LogoutDecision"/>.
/// </summary>
internal static partial class LogoutEndpoints
{
    public static IEndpointRouteBuilder MapLogoutEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/logout").AllowAnonymous().WithTags("Logout").ExcludeFromDescription();
        group.MapGet("/", LogoutAsync);
        group.MapPost("/", LogoutAsync);
        return endpoints;
    }

    internal static async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> LogoutAsync(
        HttpContext context,
        ISessionStore sessions,
        SessionCookie cookie,
        RedirectUrlValidator redirects,
        IOptions<IdentityOptions> options,
        IEnumerable<IProviderLogout> providerLogouts,
        AuditTrail audit,
        ILogger<LogoutMarker> logger)
    {
        var redirectUrl = context.Request.Query["redirectUrl"].ToString();
        if (string.IsNullOrEmpty(redirectUrl) && context.Request.HasFormContentType)
        {
            redirectUrl = (await context.Request.ReadFormAsync(context.RequestAborted))["redirectUrl"].ToString();
        }

        var redirect = redirects.Check(redirectUrl);
        var request = LogoutRequest.From(context.Request);
        var verdict = LogoutDecision.Decide(request, [.. options.Value.AllowedRedirectOrigins]);
        if (verdict == LogoutVerdict.Forbid)
        {
            LogRefused(logger, request.Origin ?? request.Referer ?? "-", request.SecFetchDest ?? "-");
            return Problems.Result(IdentityProblems.CrossSiteLogout);
        }

        if (verdict == LogoutVerdict.Confirm)
        {
            HtmlLayout.ApplyHeaders(context.Response, options.Value.AllowedRedirectOrigins);
            return LoginEndpoints.Html(LogoutPage.Render(redirect.Target), StatusCodes.Status200OK);
        }

        // The secret must check out (SignOutAsync checks it): a session id alone is public (the JWT's sid).
        var ticket = cookie.Read(context);
        var session = ticket is null ? null : await sessions.SignOutAsync(ticket, context.RequestAborted);
        if (session is not null)
        {
            LogEnded(logger, session.Id, session.UserName);
            audit.LoggedOut(context, session);
        }

        cookie.Delete(context);
        context.Response.Headers.CacheControl = "no-store";
        var target = redirect.Target
            ?? (string.IsNullOrEmpty(options.Value.LogoutRedirectUrl) ? "/login" : options.Value.LogoutRedirectUrl);
        if (session is not null)
        {
            // Ours is revoked and the cookie cleared before the browser leaves: whatever the provider does, we are out.
            foreach (var providerLogout in providerLogouts)
            {
                if (await providerLogout.RedirectAsync(context, session, target) is { } providerUrl)
                {
                    return TypedResults.Redirect(providerUrl);
                }
            }
        }

        return TypedResults.Redirect(target);
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Session {SessionId} of {UserName} ended by logout")]
    private static partial void LogEnded(ILogger logger, string sessionId, LogText userName);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Logout refused (cross_site_logout): source {Source}, destination {Destination}")]
    private static partial void LogRefused(ILogger logger, LogText source, LogText destination);
}
