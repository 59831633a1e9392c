using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Ping.Authentication;

/// <summary>The sidecar's caller authentication: JWT (validated once per token) or this cube's cookie.</summary>
internal static class AuthenticationExtensions
{
    public static IHostApplicationBuilder AddCallerAuthentication(this IHostApplicationBuilder builder)
    {
        // The shared JwtBearer settings (authority, JWKS refresh, algorithm allow-list, issuer, audience,
        // skew) without the authentication middleware, which would validate every request: the sidecar
        // validates a token once and caches the result for its life (TokenValidator). Revocation is
        // checked by the sidecar on every request from the local revocation cache, not by JwtBearer's
        // events (a store read per validation, and a store outage there would read as a 401, not a 503).
        new AuthenticationBuilder(builder.Services).AddAtotiAuthJwt(static o => o.CheckRevocation = false);
        builder.Services.TryAddSingleton<IAuthenticationConfigurationProvider, AuthenticationSectionProvider>();

        // The handler is never run here (no authentication middleware); unregistered, it cannot fail
        // the container's validation for the encoders it would need.
        builder.Services.RemoveAll<JwtBearerHandler>();

        builder.Services.TryAddSingleton<TokenValidator>();
        builder.Services.TryAddSingleton<SessionRoles>();
        builder.Services.TryAddSingleton<CallerAuthenticator>();
        return builder;
    }

    /// <summary>What <c>AddAuthentication()</c> would register for JwtBearer's configuration section; nothing more.</summary>
    private sealed class AuthenticationSectionProvider(IConfiguration configuration) : IAuthenticationConfigurationProvider
    {
        public IConfiguration AuthenticationConfiguration => configuration.GetSection("Authentication");
    }
}
