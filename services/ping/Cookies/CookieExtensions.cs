using AtotiAuth.Shared.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Ping.Cookies;

/// <summary>This cube's cookie: Data Protection with the shared key ring in the store, so every replica reads every cookie.</summary>
internal static class CookieExtensions
{
    public static IHostApplicationBuilder AddCubeCookies(this IHostApplicationBuilder builder)
    {
        builder.AddAtotiAuthDataProtection();
        builder.Services.TryAddSingleton<CubeCookieProtector>();
        builder.Services.TryAddSingleton<CubeCookieWriter>();
        return builder;
    }
}
