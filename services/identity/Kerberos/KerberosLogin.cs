using System.Security.Claims;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Redirects;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
        var refusal = AuthenticationProblems.ProblemOf(result, IdentityProblems.KerberosTicketInvalid);

        // After kerberos_continue the next leg's token is in WWW-Authenticate; the client answers on this connection.
        return refusal == IdentityProblems.KerberosContinue ? Problem(context, refusal)
            : refusal == PasswordGrantProblems.LoginLocked ? Locked(context)
            : refusal == PasswordGrantProblems.DirectoryUnavailable ? LoginFlow.Unavailable(context)
            : await RefuseAsync(context, flow, redirect, refusal);
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
        return await RefuseAsync(context, flow, redirect, CommonProblems.MissingCredentials);
    }

    private async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> RefuseAsync(HttpContext context, LoginFlow flow, RedirectCheck redirect, ProblemCode refusal)
    {
        if (identity.Value.LoginMode == LoginMode.Form && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            // A browser that had no ticket to offer gets the form with nothing to apologise for.
            var shown = redirect.IsRefused ? IdentityProblems.InvalidRedirectUrl : refusal == CommonProblems.MissingCredentials ? null : refusal;
            return await flow.PageAsync(context, redirect.Target, null, shown, StatusCodes.Status401Unauthorized);
        }

        if (identity.Value.LoginMode == LoginMode.Basic && !context.Response.Headers.WWWAuthenticate.Any(static h => h?.StartsWith("Basic", StringComparison.Ordinal) == true))
        {
            flow.Challenge(context);
        }

        return Problem(context, refusal, refusal == CommonProblems.MissingCredentials ? "Send a Kerberos ticket (Negotiate) or use the login form." : null);
    }

    private ProblemHttpResult Locked(HttpContext context)
    {
        context.Response.Headers.RetryAfter = throttle.Value.RetryAfterSeconds();
        return Problem(context, PasswordGrantProblems.LoginLocked);
    }

    private static ProblemHttpResult Problem(HttpContext context, ProblemCode problem, string? detail = null)
    {
        Problems.AddHeaders(context.Response, problem);
        return Problems.Result(problem, detail);
    }
}
