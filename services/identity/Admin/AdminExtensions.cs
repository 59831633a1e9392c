using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Users;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Identity.Admin;

/// <summary>
/// The admin API concern: its OpenAPI document lists the <c>/admin</c> routes only, and the store's
/// user and role stores are wrapped so that the admin listings come from <see cref="AdminListCache"/>.
/// </summary>
internal static class AdminExtensions
{
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(AdminEndpoints.DocumentName, static o =>
            o.ShouldInclude = static d => d.RelativePath?.StartsWith("admin/", StringComparison.Ordinal) == true);
        builder.Services.TryAddSingleton<AdminListCache>();
        Decorate<IUserStore>(builder.Services, static (sp, inner) => new ListCachingUserStore(inner, sp.GetRequiredService<AdminListCache>()));
        Decorate<IRoleStore>(builder.Services, static (sp, inner) => new ListCachingRoleStore(inner, sp.GetRequiredService<AdminListCache>()));
        return builder;
    }

    /// <summary>Replaces the registered singleton <typeparamref name="T"/> by <paramref name="wrap"/> around it (once).</summary>
    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var registered = services.LastOrDefault(static d => d.ServiceType == typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} must be registered (AddAtotiAuthStore) before the admin API.");
        if (registered is DecoratedDescriptor)
        {
            return;
        }

        services.Remove(registered);
        services.Add(new DecoratedDescriptor(typeof(T), sp => wrap(sp, (T)Create(sp, registered))));
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private sealed class DecoratedDescriptor(Type service, Func<IServiceProvider, object> factory)
        : ServiceDescriptor(service, factory, ServiceLifetime.Singleton);
}
