using AtotiAuth.Identity.Cookies;
using AtotiAuth.Identity.Redirects;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Login;

/// <summary>The login concern: basic users, credentials, throttling, the session cookie, the form's antiforgery.</summary>
internal static class LoginExtensions
{
    public static IHostApplicationBuilder AddLogin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SessionCookieOptions>(SessionCookieOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionCookieOptions>, SessionCookieOptionsValidator>());
        services.AddValidatedOptions<LoginThrottleOptions>(LoginThrottleOptions.SectionName);

        services.TryAddSingleton<IPasswordHasher<BasicUser>, PasswordHasher<BasicUser>>();
        services.TryAddSingleton<RoleResolver>();
        services.TryAddSingleton(static sp => new RedirectUrlValidator(sp.GetRequiredService<IOptions<IdentityOptions>>().Value));
        services.TryAddSingleton<SessionCookie>();
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton<BasicUsers>();
        services.TryAddSingleton<BasicAuthenticator>();
        services.TryAddSingleton<LoginSessions>();
        services.TryAddSingleton<LoginFlow>();
        services.AddHostedService<ConfiguredUserSeeder>();

        services.AddAntiforgery();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AntiforgeryOptions>, LoginAntiforgerySetup>());
        return builder;
    }
}
