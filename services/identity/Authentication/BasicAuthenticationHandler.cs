using System.Security.Claims;
using System.Text.Encodings.Web;
using AtotiAuth.Identity.Audit;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Authentication;

/// <summary>
/// HTTP Basic against the basic users, for scripts calling the admin API: same checks, throttling and
/// role resolution as the login, no session created. It answers the admin API's challenge: the login's
/// codes for refused credentials, <c>session_invalid</c> for a stale cookie, and 401
/// <c>missing_credentials</c> with the Basic challenge when nothing was sent.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CredentialChecker authenticator,
    AuditTrail audit,
    IOptions<IdentityOptions> identity,
    IOptions<LoginThrottleOptions> throttle) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BasicCredentials.IsPresent(Request))
        {
            return AuthenticateResult.NoResult();
        }

        if (!BasicCredentials.TryRead(Request, out var credentials))
        {
            return AuthenticationProblems.Fail(PasswordGrantProblems.InvalidCredentials);
        }

        var outcome = await authenticator.AuthenticateAsync(credentials.UserName, credentials.Password, Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (outcome.Kind != LoginOutcomeKind.Success)
        {
            audit.LoginRefused("password", credentials.UserName, outcome.Kind.ToString().ToLowerInvariant(), Context.Connection.RemoteIpAddress);
            return AuthenticationProblems.Fail(outcome.Kind switch
            {
                LoginOutcomeKind.Locked => PasswordGrantProblems.LoginLocked,
                LoginOutcomeKind.Unavailable => PasswordGrantProblems.DirectoryUnavailable,
                _ => PasswordGrantProblems.InvalidCredentials,
            });
        }

        var identityClaims = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identityClaims.AddClaim(new Claim(ClaimTypes.Name, outcome.UserName));
        identityClaims.AddClaim(new Claim(IdentitySchemes.ProviderClaim, outcome.Provider));
        identityClaims.AddClaims(outcome.Roles.Select(static r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identityClaims), Scheme.Name));
    }

    /// <summary>
    /// The refusal's problem; a 401 asks for Basic credentials again, while a lock (429, with when to
    /// retry) or a directory outage (503) does not prompt for another password.
    /// </summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.None)
        {
            // The admin API's other credential: a stale session cookie answers session_invalid, as at /jwt.
            result = await Context.AuthenticateAsync(IdentitySchemes.Session);
        }

        if (AuthenticationProblems.ProblemOf(result, CommonProblems.MissingCredentials) == PasswordGrantProblems.LoginLocked)
        {
            Response.Headers.RetryAfter = throttle.Value.RetryAfterSeconds();
        }

        await AuthenticationProblems.ChallengeAsync(Context, result, CommonProblems.MissingCredentials, LoginFlow.BasicChallenge(identity.Value));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, CommonProblems.MissingRole);
}
