using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
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
            .AddScheme<SessionCookieAuthenticationOptions, SessionCookieAuthenticationHandler>(IdentitySchemes.Session, null)
            .AddScheme<SessionCookieAuthenticationOptions, SessionCookieAuthenticationHandler>(IdentitySchemes.SessionPage, static o => o.RedirectToLogin = true)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(IdentitySchemes.Basic, null);
        builder.Services.AddAuthorization();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AuthorizationOptions>, IdentityPolicySetup>());
        return builder;
    }
}
