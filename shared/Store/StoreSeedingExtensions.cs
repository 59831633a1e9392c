using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Shared.Store;

/// <summary>Registers what seeds the store (<see cref="IStoreSeeder"/>).</summary>
public static class StoreSeedingExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TSeeder"/> as a singleton and, as the same instance, as an
    /// <see cref="IStoreSeeder"/>, which the store runs again at once when Redis lost its data. A seeder
    /// that also seeds at start adds itself as a hosted service of that instance:
    /// <c>services.AddHostedService(static sp => sp.GetRequiredService&lt;TSeeder&gt;())</c>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddStoreSeeder<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSeeder>(this IServiceCollection services)
        where TSeeder : class, IStoreSeeder
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TSeeder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStoreSeeder, TSeeder>(static sp => sp.GetRequiredService<TSeeder>()));
        return services;
    }
}
