using System.Security.Claims;
using System.Text.Encodings.Web;
using AtotiAuth.Identity.Login;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AtotiAuth.Identity.Authentication;

/// <summary>
/// HTTP Basic against the basic users, for scripts calling the admin API: same checks, throttling and
/// role resolution as the login, no session created.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    CredentialChecker authenticator,
    IOptions<IdentityOptions> identity) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private static readonly object UnavailableItem = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BasicCredentials.IsPresent(Request))
        {
            return AuthenticateResult.NoResult();
        }

        if (!BasicCredentials.TryRead(Request, out var credentials))
        {
            return AuthenticateResult.Fail(IdentityProblemCodes.InvalidCredentials);
        }

        var outcome = await authenticator.AuthenticateAsync(credentials.UserName, credentials.Password, Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted);
        if (outcome.Kind == LoginOutcomeKind.Unavailable)
        {
            Context.Items[UnavailableItem] = true;
        }

        if (outcome.Kind != LoginOutcomeKind.Success)
        {
            return AuthenticateResult.Fail(outcome.Kind == LoginOutcomeKind.Locked ? IdentityProblemCodes.LoginLocked : IdentityProblemCodes.InvalidCredentials);
        }

        var identityClaims = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identityClaims.AddClaim(new Claim(ClaimTypes.Name, outcome.UserName));
        identityClaims.AddClaim(new Claim(IdentitySchemes.ProviderClaim, outcome.Provider));
        identityClaims.AddClaims(outcome.Roles.Select(static r => new Claim(ClaimTypes.Role, r)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identityClaims), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(UnavailableItem))
        {
            // The directory did not answer: a 503 with the stable code, not a prompt for another password.
            await LoginFlow.Unavailable(Context).ExecuteAsync(Context);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Basic realm=\"{identity.Value.Realm}\", charset=\"UTF-8\"");
    }
}
