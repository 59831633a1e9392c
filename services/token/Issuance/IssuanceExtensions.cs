using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Token.Issuance;

/// <summary>The issuance concern: who may get a token, and signing it.</summary>
internal static class IssuanceExtensions
{
    public static IHostApplicationBuilder AddIssuance(this IHostApplicationBuilder builder)
    {
        // The session cache hangs off the revocation cache's one subscription (shared/Sessions).
        builder.AddAtotiAuthSessionCookieReader();
        builder.Services.TryAddSingleton<TokenIssuer>();
        builder.Services.TryAddSingleton<CallerTokenValidator>();
        builder.Services.TryAddSingleton<TokenRequestAuthenticator>();
        return builder;
    }
}
