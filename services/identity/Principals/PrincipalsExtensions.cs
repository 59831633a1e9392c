using AtotiAuth.Identity.Roles;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Identity.Principals;

/// <summary>The principals concern: roles resolved and changed per provider, and the migration of older data to that layout.</summary>
internal static class PrincipalsExtensions
{
    public static IHostApplicationBuilder AddPrincipals(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<RoleResolver>();
        services.TryAddSingleton<RoleChanges>();

        // Registered before the seeders, whose hosted services start after it.
        services.AddHostedService<StoreLayoutMigrator>();
        return builder;
    }
}
