using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Identity.Throttling;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Identity;

/// <summary>The identity service's own stores: basic users, roles, login attempts and the layout migration.</summary>
internal static class IdentityStoreExtensions
{
    /// <summary>
    /// Adds the shared store (sessions, revocations) and, beside it, the stores only this service uses:
    /// the Redis ones when the shared store is Redis, else the in-memory ones.
    /// </summary>
    public static IHostApplicationBuilder AddIdentityStores(this IHostApplicationBuilder builder)
    {
        builder.AddAtotiAuthStore();
        var services = builder.Services;
        if (builder.UsesRedis())
        {
            services.TryAddSingleton<IUserStore, RedisUserStore>();
            services.TryAddSingleton<IRoleStore, RedisRoleStore>();
            services.TryAddSingleton<ILoginAttemptStore, RedisLoginAttemptStore>();
            services.TryAddSingleton<RedisSessionIndexMigration>();
            services.TryAddSingleton<IStoreLayoutMigration, RedisLayoutMigration>();
        }
        else
        {
            services.TryAddSingleton<IUserStore, InMemoryUserStore>();
            services.TryAddSingleton<IRoleStore, InMemoryRoleStore>();
            services.TryAddSingleton<ILoginAttemptStore, InMemoryLoginAttemptStore>();
            services.TryAddSingleton<IStoreLayoutMigration, InMemoryLayoutMigration>();
        }

        return builder;
    }
}
