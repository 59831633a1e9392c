using System.Security.Claims;
using System.Text.Encodings.Web;
using AtotiAuth.Identity.Login;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Authentication;

/// <summary>
/// Authenticates by the session cookie through the shared <see cref="SessionCookieReader"/> (secret
/// checked in constant time, idle and absolute timeouts, revocation; a checked session reused for a few
/// seconds until a revocation is heard). Claims come from the session, resolved at login. An API is
/// refused with 401 <c>missing_credentials</c> or <c>session_invalid</c> and 403 <c>missing_role</c>.
/// </summary>
internal sealed class SessionCookieAuthenticationHandler(
    IOptionsMonitor<SessionCookieSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    SessionCookieReader sessionCookie) : AuthenticationHandler<SessionCookieSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var check = await sessionCookie.CheckAsync(Request, Context.RequestAborted);
        if (check.Status == SessionCookieStatus.Missing)
        {
            return AuthenticateResult.NoResult();
        }

        if (check.Session is not { } session)
        {
            return AuthenticationProblems.Fail(CommonProblems.SessionInvalid);
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, session.UserName));
        identity.AddClaim(new Claim(IdentitySchemes.SessionIdClaim, session.Id));
        identity.AddClaim(new Claim(IdentitySchemes.ProviderClaim, session.Provider));
        identity.AddClaims(session.Roles.Select(static r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>A page (the admin console) refused to a signed-in user: a readable 403 page, not an empty answer.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (!Options.RedirectToLogin)
        {
            await Problems.WriteAsync(Context, CommonProblems.MissingRole);
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

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!Options.RedirectToLogin)
        {
            await AuthenticationProblems.ChallengeAsync(Context, await HandleAuthenticateOnceSafeAsync(), CommonProblems.MissingCredentials, challenge: null);
            return;
        }

        SessionCookieHandler.RedirectToLogin(Context);
    }
}
