using AtotiAuth.Identity.Login;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Authentication;

/// <summary>The schemes (session cookie, Basic) and policies (admin, UI) of the identity service.</summary>
internal static class AuthenticationExtensions
{
    public static IHostApplicationBuilder AddIdentityAuthentication(this IHostApplicationBuilder builder)
    {
        // No default scheme: the login and logout endpoints see an anonymous user and read the session
        // cookie themselves, so an old session's cookie never decides how a new login is treated.
        builder.Services.AddAuthentication()
            .AddScheme<SessionCookieSchemeOptions, SessionCookieAuthenticationHandler>(IdentitySchemes.Session, null)
            .AddScheme<SessionCookieSchemeOptions, SessionCookieAuthenticationHandler>(IdentitySchemes.SessionPage, static o => o.RedirectToLogin = true)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(IdentitySchemes.Basic, null)
            .AddPolicyScheme(IdentitySchemes.Admin, null, static o =>
            {
                // One handler per request: Basic when the request brings Basic credentials, else the
                // session cookie. A refusal always answers with the Basic challenge, for scripts.
                o.ForwardDefaultSelector = static context => BasicCredentials.IsPresent(context.Request) ? IdentitySchemes.Basic : IdentitySchemes.Session;
                o.ForwardChallenge = IdentitySchemes.Basic;
            });
        builder.Services.AddAuthorization();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AuthorizationOptions>, IdentityPolicySetup>());
        builder.Services.TryAddSingleton<IdentityTrustedProxies>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ForwardedHeadersOptions>, IdentityTrustedProxies>());
        return builder;
    }

    /// <summary>The client's address from the trusted proxies, before authentication reads it.</summary>
    public static IApplicationBuilder UseIdentityTrustedProxies(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IdentityTrustedProxies>().Any)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
