using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Roles;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store.InMemory;
using AtotiAuth.Shared.Store.Redis;
using AtotiAuth.Shared.Throttling;
using AtotiAuth.Shared.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store;

/// <summary>Registers the store: Redis when a connection string is set, else the in-memory one where allowed.</summary>
public static class StoreRegistrationExtensions
{
    /// <summary>
    /// Adds the store options, the Redis connection (a singleton shared by everything), the readiness
    /// check and the stores (<see cref="ISessionStore"/>, <see cref="IRevocationStore"/>,
    /// <see cref="IUserStore"/>, <see cref="IRoleStore"/>, <see cref="ILoginAttemptStore"/>,
    /// <see cref="IStoreLayoutMigration"/>): the Redis
    /// ones when <c>AtotiAuth:Store:Redis</c> is set, else the in-memory ones, which the options
    /// validator allows only with <c>AtotiAuth:Store:AllowInMemory</c>. Safe to call more than once.
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
        services.AddValidatedOptions<StoreOptions>(StoreOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.AddValidatedOptions<SessionOptions>(SessionOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        var redis = builder.Configuration[$"{StoreOptions.SectionName}:Redis"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<IConnectionMultiplexer>(static sp => RedisConnection.Connect(sp));
            services.TryAddSingleton<RedisHealthCheck>();
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
            services.TryAddSingleton<RedisAccessProbe>();
            services.AddStoreAccess(StoreAccess.ReadGeneration);
            services.TryAddSingleton<RedisRevocationStore>();
            services.TryAddSingleton<IRevocationStore>(static sp => sp.GetRequiredService<RedisRevocationStore>());
            services.TryAddSingleton<ISessionStore, RedisSessionStore>();
            services.TryAddSingleton<IUserStore, RedisUserStore>();
            services.TryAddSingleton<IRoleStore, RedisRoleStore>();
            services.TryAddSingleton<ILoginAttemptStore, RedisLoginAttemptStore>();
            services.TryAddSingleton<StoreDataLossMonitor>();
            services.AddHostedService(static sp => sp.GetRequiredService<StoreDataLossMonitor>());
            services.TryAddSingleton<IStoreIntegrity>(static sp => sp.GetRequiredService<StoreDataLossMonitor>());
            services.TryAddSingleton<IStoreLayoutMigration, RedisLayoutMigration>();
        }
        else
        {
            services.TryAddSingleton<IRevocationStore, InMemoryRevocationStore>();
            services.TryAddSingleton<ISessionStore, InMemorySessionStore>();
            services.TryAddSingleton<IUserStore, InMemoryUserStore>();
            services.TryAddSingleton<IRoleStore, InMemoryRoleStore>();
            services.TryAddSingleton<ILoginAttemptStore, InMemoryLoginAttemptStore>();
            services.TryAddSingleton<IStoreIntegrity, InMemoryStoreIntegrity>();
            services.TryAddSingleton<IStoreLayoutMigration, InMemoryLayoutMigration>();
        }

        return builder;
    }

    /// <summary>Marks the store as registered, so the extensions that need it can add it without doubling the health check.</summary>
    private sealed class StoreMarker;
}
