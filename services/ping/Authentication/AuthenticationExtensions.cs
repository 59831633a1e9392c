using AtotiAuth.Ping.Proxy;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Ping.Authentication;

/// <summary>
/// The sidecar's authentication and policies. A JWT (<c>Authorization: Bearer|Jwt</c>, the shared
/// <see cref="AtotiAuthJwtExtensions.AddAtotiAuthJwt(AuthenticationBuilder, Action{AtotiAuthJwtOptions}?)"/>
/// path) authenticates ping and every proxied HTTP request; this cube's cookie authenticates WebSocket
/// handshakes and nothing else (<see cref="CubeCookieHandler"/>). Either way the session is checked
/// against revocations on every request, from the local revocation cache.
/// </summary>
internal static class AuthenticationExtensions
{
    public static IHostApplicationBuilder AddCallerAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<SessionRoles>();
        builder.Services.AddAuthentication()
            .AddAtotiAuthJwt()
            .AddScheme<AuthenticationSchemeOptions, CubeCookieHandler>(CubeCookieHandler.SchemeName, static _ => { })
            .AddPolicyScheme(PingSchemes.Cube, PingSchemes.Cube, static o => o.ForwardDefaultSelector = static context =>
                WebSocketOrigins.IsUpgrade(context) ? CubeCookieHandler.SchemeName : AtotiAuthJwtExtensions.DefaultScheme);

        // Every proxied request makes these: by delegates and singletons, not by reflection (HotPathServices).
        builder.Services.AddAuthorizationPolicies<PingOptions>(AddPolicies)
            .AddHotPathAuthorization()
            .AddHandlerFactory(CubeCookieHandler.Create);
        return builder;
    }

    private static void AddPolicies(AuthorizationOptions authorization, PingOptions settings)
    {
        authorization.AddPolicy(PingSchemes.PingPolicy, policy => policy
            .AddAuthenticationSchemes(AtotiAuthJwtExtensions.DefaultScheme)
            .RequireAuthenticatedUser()
            .RequireRole(settings.EffectiveRequiredRoles));

        // A WebSocket needs one of SocketRoles (Atoti's needs ROLE_USER), any other request one of RequiredRoles.
        var requiredRoles = settings.EffectiveRequiredRoles;
        var socketRoles = settings.EffectiveSocketRoles;
        authorization.AddPolicy(PingSchemes.CubePolicy, policy => policy
            .AddAuthenticationSchemes(PingSchemes.Cube)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.Resource is HttpContext http
                && IsInAnyRole(context.User, WebSocketOrigins.IsUpgrade(http) ? socketRoles : requiredRoles)));
    }

    // A loop rather than roles.Any(user.IsInRole): no delegate and no enumerator per proxied request.
    private static bool IsInAnyRole(System.Security.Claims.ClaimsPrincipal user, IReadOnlyList<string> roles)
    {
        for (var i = 0; i < roles.Count; i++)
        {
            if (user.IsInRole(roles[i]))
            {
                return true;
            }
        }

        return false;
    }
}
