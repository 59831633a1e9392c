using System.Security.Claims;
using System.Text.Encodings.Web;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// A handler whose credential leads to a session (the session cookie, Basic credentials at <c>/jwt</c>):
/// the principal carries the user, the session and the roles resolved at login, and the
/// <see cref="Session"/> itself is in the request's features. A store that cannot be reached fails the
/// authentication with <c>store_unavailable</c> (a 503: fail closed); the challenge is the Atoti
/// contract's bare 401 with the refusal's code, never a Basic challenge (ATOTI-CONTRACT.md); a missing
/// role answers 403 <c>missing_role</c>.
/// </summary>
/// <typeparam name="TOptions">The scheme's options.</typeparam>
public abstract class SessionAuthenticationHandler<TOptions>(
    IOptionsMonitor<TOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder) : AuthenticationHandler<TOptions>(options, loggerFactory, encoder)
    where TOptions : AuthenticationSchemeOptions, new()
{
    /// <summary>The claim carrying the session id.</summary>
    public const string SessionIdClaim = "sid";

    /// <summary>The claim naming the session's provider (<c>basic</c>, <c>ldap</c>, <c>oidc:{id}</c>).</summary>
    public const string ProviderClaim = "idp";

    /// <summary>Finds this request's session: <see cref="Succeed"/> with it, or a failure, or no result.</summary>
    protected abstract Task<AuthenticateResult> AuthenticateSessionAsync();

    /// <summary>The request is <paramref name="session"/>'s.</summary>
    /// <param name="session">The session the credential leads to.</param>
    protected AuthenticateResult Succeed(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Context.Features.Set(session);
        return AuthenticateResult.Success(new AuthenticationTicket(Principal(session, Scheme.Name), Scheme.Name));
    }

    /// <inheritdoc/>
    protected sealed override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        try
        {
            return await AuthenticateSessionAsync();
        }
        catch (StoreUnavailableException)
        {
            return AuthenticationProblems.Fail(CommonProblems.StoreUnavailable);
        }
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await AuthenticationProblems.ChallengeAsync(Context, await HandleAuthenticateOnceSafeAsync(), CommonProblems.MissingCredentials, challenge: null);

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, CommonProblems.MissingRole);

    /// <summary>The principal of <paramref name="session"/>: its user, its id and the roles resolved at login.</summary>
    private static ClaimsPrincipal Principal(Session session, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, session.UserName));
        identity.AddClaim(new Claim(SessionIdClaim, session.Id));
        identity.AddClaim(new Claim(ProviderClaim, session.Provider));
        identity.AddClaims(session.Roles.Select(static r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(identity);
    }
}
