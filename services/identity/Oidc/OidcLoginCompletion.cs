using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Redirects;
using AtotiAuth.Identity.Roles;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// A validated OpenID Connect login becomes a session exactly as a basic login does, for provider
/// <c>oidc:{id}</c> (issue 22: its users never pick up another provider's roles): user name from the
/// name claim (an <c>email</c> only when <c>email_verified</c> is true, a name only when it passes
/// <see cref="UserNames.Check"/>), provider roles from the role claims, final roles by
/// <see cref="RoleResolver"/> (DESIGN.md §3), then the remembered redirect.
/// </summary>
internal sealed partial class OidcLoginCompletion(
    IOptions<OidcOptions> oidc,
    IOptions<IdentityOptions> identity,
    RoleResolver resolver,
    LoginSessions sessions,
    OidcSessionIndex index,
    RedirectUrlValidator redirects,
    OidcFailurePages failures,
    ILogger<OidcLoginCompletion> logger)
{
    private const string EmailClaim = "email";
    private const string EmailVerifiedClaim = "email_verified";

    public async Task CompleteAsync(HttpContext context, string providerId, OidcClaimSet claims, string? redirectUrl)
    {
        var provider = oidc.Value.Providers[providerId];
        var name = claims.ReadString(provider.NameClaim);
        if (string.IsNullOrWhiteSpace(name))
        {
            await failures.WriteAsync(context, providerId, new OidcFlowException(IdentityProblems.MissingNameClaim, "No name claim."));
            return;
        }

        // OpenID Connect Core §5.7: an e-mail address names someone only once the provider has verified it
        // (an Auth0 database sign-up may claim any address).
        if (provider.NameClaim == EmailClaim && !claims.IsTrue(EmailVerifiedClaim))
        {
            await failures.WriteAsync(context, providerId, new OidcFlowException(IdentityProblems.UnverifiedEmail, "email_verified is not true."));
            return;
        }

        var userName = provider.UserNameCaseConversion.Apply(name);
        if (UserNames.Check(userName) is not null)
        {
            await failures.WriteAsync(context, providerId, new OidcFlowException(IdentityProblems.InvalidUserName, "The name claim fails the user name rules."));
            return;
        }

        var providerRoles = claims.ReadRoles(provider.RolesClaims);
        var principal = ProviderIds.Oidc(providerId);
        var roles = await resolver.ResolveAsync(new RoleResolutionRequest(principal, userName, providerRoles), context.RequestAborted);
        var session = await sessions.StartAsync(context, new LoginOutcome(LoginOutcomeKind.Success, userName, roles, principal, providerRoles));
        var idToken = provider.RpInitiatedLogout ? claims.RawIdToken : null;
        await index.RecordAsync(providerId, claims.SessionId, claims.Subject, session.Id, idToken, context.RequestAborted);

        LogCompleted(logger, providerId, userName, providerRoles.Count, roles.Count);

        // Checked at the start already and protected inside state since; checked again all the same.
        var target = redirects.Check(redirectUrl).Target ?? identity.Value.DefaultLandingPath;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Redirect(target);
    }

    [LoggerMessage(EventId = 4410, Level = LogLevel.Information, Message = "OpenID Connect login by provider {Provider} for {UserName}: {ProviderRoleCount} provider roles, {RoleCount} roles")]
    private static partial void LogCompleted(ILogger logger, string provider, LogText userName, int providerRoleCount, int roleCount);
}
