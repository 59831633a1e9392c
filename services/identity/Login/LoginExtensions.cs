using AtotiAuth.Identity.Cookies;
using AtotiAuth.Identity.Redirects;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Login;

/// <summary>The login concern: basic users, credentials, throttling, the session cookie, the form's CSRF defence.</summary>
internal static class LoginExtensions
{
    public static IHostApplicationBuilder AddLogin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // The form's daily HMAC keys are shared by every replica through the ephemeral store.
        builder.AddAtotiAuthEphemeralStore();
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
        services.TryAddSingleton<CredentialChecker>();
        services.TryAddSingleton<LoginSessions>();
        services.TryAddSingleton<LoginFormKeys>();
        services.TryAddSingleton<LoginFormProtection>();
        services.TryAddSingleton<LoginFlow>();
        services.AddStoreSeeder<ConfiguredUserSeeder>();
        services.AddHostedService(static sp => sp.GetRequiredService<ConfiguredUserSeeder>());
        return builder;
    }
}
