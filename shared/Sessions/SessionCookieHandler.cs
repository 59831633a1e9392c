using System.Text.Encodings.Web;
using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Authenticates by the session cookie through <see cref="SessionCookieReader"/> (secret checked in
/// constant time, idle and absolute timeouts, revocation; a checked session reused for a few seconds
/// until a revocation is heard). The challenge is the Atoti contract's bare 401, never a Basic challenge
/// and never a redirect, unless <see cref="SessionCookieSchemeOptions.RedirectToLogin"/> asks for the login page.
/// </summary>
public class SessionCookieHandler(
    IOptionsMonitor<SessionCookieSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    SessionCookieReader sessionCookie) : SessionAuthenticationHandler<SessionCookieSchemeOptions>(options, loggerFactory, encoder)
{
    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> AuthenticateSessionAsync()
    {
        var check = await sessionCookie.CheckAsync(Request, Context.RequestAborted);
        return check switch
        {
            { Status: SessionCookieStatus.Missing } => AuthenticateResult.NoResult(),
            { Session: { } session } => Succeed(session),
            _ => AuthenticationProblems.Fail(CommonProblems.SessionInvalid),
        };
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Options.RedirectToLogin)
        {
            RedirectToLogin(Context);
            return;
        }

        await base.HandleChallengeAsync(properties);
    }

    /// <summary>
    /// The challenge of a browser page (<see cref="SessionCookieSchemeOptions.RedirectToLogin"/>): a 302 to
    /// the login page, which returns to this request's path and query, local by construction, so the
    /// login accepts it as a return target.
    /// </summary>
    /// <param name="context">The request to return to.</param>
    public static void RedirectToLogin(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var target = request.PathBase + request.Path + request.QueryString;
        context.Response.Redirect("/login?redirectUrl=" + Uri.EscapeDataString(target.ToString()));
    }
}
