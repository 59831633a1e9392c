using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.DataProtection;

/// <summary>The Data Protection key ring every replica shares, so cookies and antiforgery tokens written by one are read by another.</summary>
public static class DataProtectionRegistrationExtensions
{
    /// <summary>Application name of every AtotiAuth service: one key ring and one purpose root for all of them.</summary>
    public const string ApplicationName = "AtotiAuth";

    /// <summary>
    /// Adds Data Protection under <see cref="ApplicationName"/>, with the key ring in Redis under
    /// <see cref="StoreOptions.KeyPrefix"/> (<c>data-protection-keys</c>) when <c>AtotiAuth:Store:Redis</c>
    /// is set, encrypted at rest to the certificate of <see cref="KeyRingOptions"/> where one is given;
    /// else in memory (the standalone host, whose sessions are in memory too), never on disk. Adds the
    /// store (<see cref="StoreRegistrationExtensions.AddAtotiAuthStore"/>) if not added yet.
    /// </summary>
    /// <exception cref="InvalidOperationException">A certificate file of <see cref="KeyRingOptions"/> cannot be read.</exception>
    public static IHostApplicationBuilder AddAtotiAuthDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddAtotiAuthStore();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddValidatedOptions<KeyRingOptions, KeyRingOptionsValidator>(KeyRingOptions.SectionName);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{StoreOptions.SectionName}:Redis"]))
        {
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure(static options => options.XmlRepository = new InMemoryKeyRingRepository());
            return builder;
        }

        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer, IOptions<StoreOptions>>(static (options, redis, store) =>
            {
                var key = new RedisKeys(store.Value.KeyPrefix).DataProtectionKeys;
                options.XmlRepository = new RedisKeyRingRepository(new RedisXmlRepository(() => redis.GetDatabase(), key));
            });

        builder.Services.AddStoreAccess(StoreAccess.KeyRing);
        KeyRingCertificates.Apply(dataProtection, builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new());

        // First of all hosted services: before Data Protection's own loads (and would create) the ring.
        if (!builder.Services.Any(static d => d.ImplementationType == typeof(KeyRingInitializer)))
        {
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, KeyRingInitializer>());
        }

        return builder;
    }
}
