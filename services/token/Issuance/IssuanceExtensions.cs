using AtotiAuth.Shared.DataProtection;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Token.Issuance;

/// <summary>
/// The issuance concern: who may get a token, and signing it. <c>/jwt</c> authenticates a caller by the
/// token it already holds (<see cref="PresentedTokenHandler"/>), by Basic credentials checked by the
/// identity service (<see cref="PasswordGrantHandler"/>) or else by its session cookie
/// (<see cref="SessionCookieHandler"/>), and requires one of <see cref="TokenOptions.RequiredRoles"/>.
/// </summary>
internal static class IssuanceExtensions
{
    public static IHostApplicationBuilder AddIssuance(this IHostApplicationBuilder builder)
    {
        // The session cache hangs off the revocation cache's one subscription (shared/Sessions).
        builder.AddAtotiAuthSessionCookieReader();
        builder.Services.TryAddSingleton<TokenIssuer>();
        builder.Services.TryAddSingleton<CallerTokenValidator>();

        // Basic credentials go to the identity service; the standalone host registers its in-process grant first.
        builder.Services.AddHttpClient(IdentityPasswordGrant.HttpClientName, static client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        builder.Services.TryAddSingleton<IPasswordSessionGrant, IdentityPasswordGrant>();

        // Authentication brings Data Protection, though the token service protects nothing: the shared
        // ring in the store, never a file (the image runs with a read-only root), and not read at start.
        builder.AddAtotiAuthDataProtection(loadAtStart: false);
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, PresentedTokenHandler>(PresentedTokenHandler.SchemeName, static _ => { })
            .AddScheme<AuthenticationSchemeOptions, PasswordGrantHandler>(PasswordGrantHandler.SchemeName, static _ => { })
            .AddScheme<SessionCookieSchemeOptions, SessionCookieHandler>(TokenSchemes.Session, static _ => { })
            .AddPolicyScheme(TokenSchemes.Caller, TokenSchemes.Caller, static o => o.ForwardDefaultSelector = static context =>
                BearerToken.IsTokenScheme(context.Request.Headers.Authorization) ? PresentedTokenHandler.SchemeName
                : BasicCredentials.IsPresent(context.Request) ? PasswordGrantHandler.SchemeName
                : TokenSchemes.Session);

        // Every /jwt request makes these: as singletons and by delegates, not by reflection (HotPathServices).
        builder.Services.AddAuthorizationPolicies<TokenOptions>(AddPolicies).AddHotPathAuthorization();
        return builder;
    }

    private static void AddPolicies(AuthorizationOptions authorization, TokenOptions token) =>
        authorization.AddPolicy(TokenSchemes.TokenPolicy, policy => policy
            .AddAuthenticationSchemes(TokenSchemes.Caller)
            .RequireAuthenticatedUser()
            .RequireRole(token.EffectiveRequiredRoles));
}
