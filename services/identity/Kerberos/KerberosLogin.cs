using System.Security.Claims;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Redirects;
using AtotiAuth.Identity.Throttling;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// <c>GET /login</c> with Kerberos on: a request bearing a <c>Negotiate</c> token is authenticated by the
/// Kerberos scheme and becomes a session as any other login; any other unauthenticated request is
/// answered 401 with <c>WWW-Authenticate: Negotiate</c> beside what the login mode shows (the form, or the
/// Basic challenge), so a browser allowed to use Kerberos signs in without a password and any other
/// one shows the form. Browsers (<c>Accept: text/html</c>, form mode) get the page; other clients a
/// problem with its stable code.
/// </summary>
internal sealed class KerberosLogin(IOptions<KerberosOptions> options, IOptions<IdentityOptions> identity, IOptions<LoginThrottleOptions> throttle)
{
    public bool IsEnabled => options.Value.IsActive;

    /// <summary>True when Kerberos is on and the request brings a <c>Negotiate</c> token.</summary>
    public bool HasToken(HttpRequest request) => IsEnabled && KerberosToken.IsPresent(request);

    public async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> LoginAsync(HttpContext context, LoginFlow flow, RedirectCheck redirect)
    {
        var result = await context.AuthenticateAsync(KerberosSchemes.Negotiate);
        if (result.Succeeded)
        {
            var principal = result.Principal;
            var roles = principal.FindAll(ClaimTypes.Role).Select(static c => c.Value).ToList();
            return await flow.CompleteAsync(context, new LoginOutcome(LoginOutcomeKind.Success, principal.Identity!.Name!, roles, KerberosAuthenticator.Provider), redirect);
        }

        await context.ChallengeAsync(KerberosSchemes.Negotiate);
        var code = result.Failure?.Message ?? IdentityProblemCodes.KerberosTicketInvalid;
        return code switch
        {
            // The next leg's token is in WWW-Authenticate; the client answers on this connection.
            IdentityProblemCodes.KerberosContinue => Problem(context, StatusCodes.Status401Unauthorized, "Continue the Negotiate exchange.", code),
            IdentityProblemCodes.LoginLocked => Locked(context),
            IdentityProblemCodes.DirectoryUnavailable => LoginFlow.Unavailable(context),
            _ => await RefuseAsync(context, flow, redirect, code),
        };
    }

    /// <summary>The answer to an unauthenticated <c>GET /login</c>: 401 offering Negotiate, beside the form or the Basic challenge.</summary>
    public async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> OfferAsync(HttpContext context, LoginFlow flow, RedirectCheck redirect)
    {
        if (identity.Value.LoginMode == LoginMode.Basic)
        {
            // The Basic challenge first (it sets the header), then the offer beside it.
            flow.Challenge(context);
        }

        await context.ChallengeAsync(KerberosSchemes.Negotiate);
        return await RefuseAsync(context, flow, redirect, IdentityProblemCodes.KerberosTicketRequired);
    }

    private async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> RefuseAsync(HttpContext context, LoginFlow flow, RedirectCheck redirect, string code)
    {
        var status = StatusCodes.Status401Unauthorized;
        if (identity.Value.LoginMode == LoginMode.Form && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            // A browser that had no ticket to offer gets the form with nothing to apologise for.
            var shown = redirect.IsRefused ? IdentityProblemCodes.InvalidRedirectUrl : code == IdentityProblemCodes.KerberosTicketRequired ? null : code;
            return await flow.PageAsync(context, redirect.Target, null, shown, status);
        }

        if (identity.Value.LoginMode == LoginMode.Basic && !context.Response.Headers.WWWAuthenticate.Any(static h => h?.StartsWith("Basic", StringComparison.Ordinal) == true))
        {
            flow.Challenge(context);
        }

        return Problem(context, status, Title(code), code);
    }

    private ProblemHttpResult Locked(HttpContext context)
    {
        context.Response.Headers.RetryAfter = throttle.Value.RetryAfterSeconds();
        return Problem(context, StatusCodes.Status429TooManyRequests, "Too many failed logins; try again later.", IdentityProblemCodes.LoginLocked);
    }

    private static ProblemHttpResult Problem(HttpContext context, int status, string title, string code)
    {
        context.Response.Headers.CacheControl = "no-store";
        return LoginFlow.Problem(status, title, code);
    }

    private static string Title(string code) => code switch
    {
        IdentityProblemCodes.KerberosTicketRequired => "Authentication required: a Kerberos ticket (Negotiate) or the login form.",
        IdentityProblemCodes.KerberosTicketReplayed => "This Kerberos token was already used.",
        IdentityProblemCodes.KerberosRealmRefused => "Users of this Kerberos realm may not sign in here.",
        IdentityProblemCodes.KerberosUserUnknown => "This Kerberos user is not known to the directory.",
        _ => "The Kerberos ticket was refused.",
    };
}
