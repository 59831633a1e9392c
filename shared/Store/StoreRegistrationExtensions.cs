using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Sessions;
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
    /// <summary>Adds the store options, the Redis connection (a singleton shared by everything) and the readiness check.</summary>
    public static IHostApplicationBuilder AddAtotiAuthStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddValidatedOptions<StoreOptions>(StoreOptions.SectionName);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        builder.Services.AddValidatedOptions<SessionOptions>(SessionOptions.SectionName);

        var redis = builder.Configuration[$"{StoreOptions.SectionName}:Redis"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.TryAddSingleton<IConnectionMultiplexer>(static sp => RedisConnection.Connect(sp));
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        }

        return builder;
    }
}
