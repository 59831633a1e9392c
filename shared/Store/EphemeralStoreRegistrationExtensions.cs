using AtotiAuth.Shared.Store.InMemory;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Shared.Store;

/// <summary>Registers <see cref="IEphemeralStore"/> beside the other stores, on the same backend.</summary>
public static class EphemeralStoreRegistrationExtensions
{
    /// <summary>
    /// Adds the store (<see cref="StoreRegistrationExtensions.AddAtotiAuthStore"/>) and an
    /// <see cref="IEphemeralStore"/>: Redis when <c>AtotiAuth:Store:Redis</c> is set, else in memory.
    /// </summary>
    public static IHostApplicationBuilder AddAtotiAuthEphemeralStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAtotiAuthStore();
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{StoreOptions.SectionName}:Redis"]))
        {
            builder.Services.TryAddSingleton<IEphemeralStore, InMemoryEphemeralStore>();
        }
        else
        {
            builder.Services.TryAddSingleton<IEphemeralStore, RedisEphemeralStore>();
            builder.Services.AddStoreAccess(StoreAccess.Ephemeral);
        }

        return builder;
    }
}
