using System.Security.Claims;
using System.Text.Encodings.Web;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Authentication;

/// <summary>
/// Authenticates by the session cookie through the shared <see cref="SessionCookieReader"/> (secret
/// checked in constant time, idle and absolute timeouts, revocation; a checked session reused for a few
/// seconds until a revocation is heard). Claims come from the session, resolved at login.
/// </summary>
internal sealed class SessionCookieAuthenticationHandler(
    IOptionsMonitor<SessionCookieAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    SessionCookieReader sessionCookie) : AuthenticationHandler<SessionCookieAuthenticationOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var check = await sessionCookie.CheckAsync(Request, Context.RequestAborted);
        if (check.Status is SessionCookieStatus.Missing or SessionCookieStatus.Malformed)
        {
            return AuthenticateResult.NoResult();
        }

        if (check.Session is not { } session)
        {
            return AuthenticateResult.Fail("session_invalid");
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, session.UserName));
        identity.AddClaim(new Claim(IdentitySchemes.SessionIdClaim, session.Id));
        identity.AddClaim(new Claim(IdentitySchemes.ProviderClaim, session.Provider));
        identity.AddClaims(session.Roles.Select(static r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!Options.RedirectToLogin)
        {
            return base.HandleChallengeAsync(properties);
        }

        // Path and query preserved, local by construction, so the login accepts it as a return target.
        var target = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect("/login?redirectUrl=" + Uri.EscapeDataString(target.ToString()));
        return Task.CompletedTask;
    }
}
