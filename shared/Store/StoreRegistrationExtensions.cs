using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.InMemory;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store;

/// <summary>Registers the store: Redis when a connection string is set, else the in-memory one where allowed.</summary>
public static class StoreRegistrationExtensions
{
    /// <summary>
    /// Adds the store options, the Redis connection (a singleton shared by everything), the readiness
    /// check and the stores every service uses (<see cref="ISessionStore"/>, <see cref="IRevocationStore"/>,
    /// <see cref="IStoreIntegrity"/>): the Redis ones when <see cref="UsesRedis"/>, else the in-memory
    /// ones, which the options validator allows only with <c>AtotiAuth:Store:AllowInMemory</c>. A service
    /// adds its own stores beside them by the same test. Safe to call more than once.
    /// </summary>
    public static IHostApplicationBuilder AddAtotiAuthStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(StoreMarker)))
        {
            return builder;
        }

        services.AddSingleton<StoreMarker>();
        services.AddValidatedOptions<StoreOptions, StoreOptionsValidator>(StoreOptions.SectionName);
        services.AddValidatedOptions<SessionOptions>(SessionOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        if (UsesRedis(builder))
        {
            services.TryAddSingleton<IConnectionMultiplexer>(static sp => RedisConnection.Connect(sp));
            services.TryAddSingleton<RedisHealthCheck>();
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
            services.TryAddSingleton<RedisAccessProbe>();
            services.AddStoreAccess(StoreAccess.ReadGeneration);
            services.TryAddSingleton<RedisRevocationStore>();
            services.TryAddSingleton<IRevocationStore>(static sp => sp.GetRequiredService<RedisRevocationStore>());
            services.TryAddSingleton<ISessionStore, RedisSessionStore>();
            services.TryAddSingleton<StoreDataLossMonitor>();
            services.AddHostedService(static sp => sp.GetRequiredService<StoreDataLossMonitor>());
            services.TryAddSingleton<IStoreIntegrity>(static sp => sp.GetRequiredService<StoreDataLossMonitor>());
        }
        else
        {
            services.TryAddSingleton<IRevocationStore, InMemoryRevocationStore>();
            services.TryAddSingleton<ISessionStore, InMemorySessionStore>();
            services.TryAddSingleton<IStoreIntegrity, InMemoryStoreIntegrity>();
        }

        return builder;
    }

    /// <summary>True when <c>AtotiAuth:Store:Redis</c> is set: the stores are Redis ones, else in-memory ones.</summary>
    public static bool UsesRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return !string.IsNullOrWhiteSpace(builder.Configuration[$"{StoreOptions.SectionName}:Redis"]);
    }

    /// <summary>Marks the store as registered, so the extensions that need it can add it without doubling the health check.</summary>
    private sealed class StoreMarker;
}
