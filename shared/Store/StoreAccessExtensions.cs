using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Shared.Store;

/// <summary>Declares what a service does with the store, for its readiness check (<see cref="StoreAccess"/>).</summary>
public static class StoreAccessExtensions
{
    /// <summary>Adds <paramref name="access"/> to what the readiness check tries with this service's Redis user.</summary>
    public static IServiceCollection AddStoreAccess(this IServiceCollection services, StoreAccess access)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new StoreAccessRequirement(access));
        return services;
    }
}
