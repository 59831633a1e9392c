using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Shared.Sessions;

/// <summary>Registers the verifiers' revocation cache.</summary>
public static class RevocationCacheRegistrationExtensions
{
    /// <summary>
    /// Adds the store (<see cref="StoreRegistrationExtensions.AddAtotiAuthStore"/>), the options
    /// <c>AtotiAuth:RevocationCache</c>, the <see cref="RevocationCache"/> singleton, the hosted service
    /// that subscribes it to the store's revocation feed at start, and its hearing of a loss of the
    /// store's data (<see cref="RevocationCache.OnStoreDataLost"/>).
    /// </summary>
    public static IHostApplicationBuilder AddAtotiAuthRevocationCache(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddAtotiAuthStore();
        builder.Services.AddValidatedOptions<RevocationCacheOptions>(RevocationCacheOptions.SectionName);
        builder.Services.TryAddSingleton<RevocationCache>();
        builder.Services.TryAddSingleton<RevocationCacheSubscriber>();
        builder.Services.AddHostedService(static sp => sp.GetRequiredService<RevocationCacheSubscriber>());
        builder.Services.AddStoreAccess(StoreAccess.ReadSessions | StoreAccess.ReadRevocations | StoreAccess.SubscribeRevocations);
        if (!builder.Services.Any(static d => d.ServiceType == typeof(RevocationFeedHealthCheck)))
        {
            builder.Services.AddSingleton<RevocationFeedHealthCheck>();
            builder.Services.AddHealthChecks().AddCheck<RevocationFeedHealthCheck>("revocation-feed");
        }
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStoreDataLossListener, RevocationCacheDataLossForwarder>());
        return builder;
    }

    /// <summary>Tells the cache when the store lost its data.</summary>
    private sealed class RevocationCacheDataLossForwarder(RevocationCache cache) : IStoreDataLossListener
    {
        public void OnStoreDataLost() => cache.OnStoreDataLost();
    }
}
