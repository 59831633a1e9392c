using System.Text.Encodings.Web;
using AtotiAuth.Identity.Login;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Authentication;

/// <summary>
/// The shared session cookie handler (<see cref="SessionCookieHandler"/>: 401 <c>missing_credentials</c>
/// or <c>session_invalid</c>, 403 <c>missing_role</c>, the login page for a browser page), with one
/// addition for the admin console: a signed-in user without the role it requires gets a readable 403 page.
/// </summary>
internal sealed class SessionCookieAuthenticationHandler(
    IOptionsMonitor<SessionCookieSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    SessionCookieReader sessionCookie) : SessionCookieHandler(options, loggerFactory, encoder, sessionCookie)
{
    /// <summary>A page (the admin console) refused to a signed-in user: a readable 403 page, not an empty answer.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (!Options.RedirectToLogin)
        {
            await base.HandleForbiddenAsync(properties);
            return;
        }

        Response.StatusCode = CommonProblems.MissingRole.Status;
        Response.ContentType = "text/html; charset=utf-8";
        HtmlLayout.ApplyHeaders(Response, []);
        var name = HtmlLayout.Encode(Context.User.Identity?.Name);
        await Response.WriteAsync(HtmlLayout.Render(
            "Access denied",
            $"<h1>Access denied</h1>\n<div role=\"alert\"><p class=\"error\" data-code=\"{CommonProblems.MissingRole.Code}\">You are signed in as <strong>{name}</strong>, "
            + "which lacks the role this page requires. Ask an administrator for it, or sign in as another user.</p></div>\n"
            + "<p><a href=\"/logout\">Sign out</a></p>\n"),
            Context.RequestAborted);
    }
}
