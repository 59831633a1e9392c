using System.Security.Claims;
using System.Text.Encodings.Web;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Authenticates by the session cookie through <see cref="SessionCookieReader"/> (secret checked in
/// constant time, idle and absolute timeouts, revocation; a checked session reused for a few seconds
/// until a revocation is heard). The principal carries the user, the session and the roles resolved at
/// login; the <see cref="Session"/> itself is in the request's features. The challenge is the Atoti
/// contract's bare 401, never a Basic challenge and never a redirect, unless
/// <see cref="SessionCookieSchemeOptions.RedirectToLogin"/> asks for the login page.
/// </summary>
public sealed class SessionCookieHandler(
    IOptionsMonitor<SessionCookieSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    SessionCookieReader sessionCookie) : AuthenticationHandler<SessionCookieSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The claim carrying the session id.</summary>
    public const string SessionIdClaim = "sid";

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        SessionCookieCheck check;
        try
        {
            check = await sessionCookie.CheckAsync(Request, Context.RequestAborted);
        }
        catch (StoreUnavailableException)
        {
            return AuthenticationProblems.Fail(CommonProblems.StoreUnavailable);
        }

        switch (check)
        {
            case { Status: SessionCookieStatus.Missing }:
                return AuthenticateResult.NoResult();
            case { Session: { } session }:
                Context.Features.Set(session);
                return AuthenticateResult.Success(new AuthenticationTicket(Principal(session, Scheme.Name), Scheme.Name));
            default:
                return AuthenticationProblems.Fail(CommonProblems.SessionInvalid);
        }
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Options.RedirectToLogin)
        {
            // Path and query preserved, local by construction, so the login accepts it as a return target.
            var target = Request.PathBase + Request.Path + Request.QueryString;
            Response.Redirect("/login?redirectUrl=" + Uri.EscapeDataString(target.ToString()));
            return;
        }

        await AuthenticationProblems.ChallengeAsync(Context, await HandleAuthenticateOnceSafeAsync(), CommonProblems.MissingCredentials, challenge: null);
    }

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, CommonProblems.MissingRole);

    private static ClaimsPrincipal Principal(Session session, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, session.UserName));
        identity.AddClaim(new Claim(SessionIdClaim, session.Id));
        identity.AddClaims(session.Roles.Select(static r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(identity);
    }
}
