using AtotiAuth.Identity.Cookies;
using AtotiAuth.Identity.Redirects;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Grants;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
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
        services.AddValidatedOptions<SessionCookieOptions, SessionCookieOptionsValidator>(SessionCookieOptions.SectionName);
        services.AddValidatedOptions<LoginThrottleOptions>(LoginThrottleOptions.SectionName);

        services.AddValidatedOptions<PasswordPolicyOptions>(PasswordPolicyOptions.SectionName);

        // OWASP's Password Storage Cheat Sheet and Keycloak's default for PBKDF2-HMAC-SHA512 (Identity V3's
        // PRF); hashes of the former 100,000 are upgraded at their next successful login.
        services.Configure<PasswordHasherOptions>(static o => o.IterationCount = 210_000);
        services.TryAddSingleton<IPasswordHasher<BasicUser>, PasswordHasher<BasicUser>>();
        services.TryAddSingleton<PasswordPolicy>();
        services.TryAddSingleton(static sp => new RedirectUrlValidator(sp.GetRequiredService<IOptions<IdentityOptions>>().Value));
        services.TryAddSingleton<SessionCookie>();
        services.TryAddSingleton<LoginThrottle>();
        services.TryAddSingleton<BasicUsers>();
        services.TryAddSingleton<BasicAuthenticator>();
        services.TryAddSingleton<CredentialChecker>();
        services.TryAddSingleton<LoginSessions>();
        services.TryAddSingleton<IPasswordSessionGrant, PasswordSessionGrant>();
        services.TryAddSingleton<LoginFormKeys>();
        services.TryAddSingleton<LoginFormProtection>();
        services.TryAddSingleton<LoginFlow>();
        services.AddStoreSeeder<ConfiguredUserSeeder>();
        services.AddHostedService(static sp => sp.GetRequiredService<ConfiguredUserSeeder>());
        return builder;
    }
}
