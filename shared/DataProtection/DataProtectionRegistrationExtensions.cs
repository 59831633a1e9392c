using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// <param name="builder">The host.</param>
    /// <param name="loadAtStart">
    /// True for a service that protects payloads (the sidecar's cube cookies, the OpenID Connect flow's
    /// cookies): the ring is loaded, and its first key made, at start. False for one that only has Data
    /// Protection because authentication brings it: unless another module of the host loads it at start,
    /// the ring is read on first use, never at start (<see cref="DeferKeyRingUnlessLoadedAtStart"/>).
    /// </param>
    /// <exception cref="InvalidOperationException">A certificate file of <see cref="KeyRingOptions"/> cannot be read.</exception>
    public static IHostApplicationBuilder AddAtotiAuthDataProtection(this IHostApplicationBuilder builder, bool loadAtStart = true)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddAtotiAuthStore();
        if (loadAtStart)
        {
            builder.Services.TryAddSingleton<KeyRingAtStart>();
        }

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
        if (loadAtStart && !builder.Services.Any(static d => d.ImplementationType == typeof(KeyRingInitializer)))
        {
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, KeyRingInitializer>());
        }

        return builder;
    }

    /// <summary>
    /// Drops Data Protection's own start-up service, which reads the key ring, when no module asked for the
    /// ring at start: the XML reader and the code that parses the ring then stay out of a service that never
    /// protects anything (about 5 MiB of the identity service's idle RSS without an OpenID provider, issue 17).
    /// Called once every module is registered, since each <c>AddAuthentication</c> registers the service again.
    /// </summary>
    internal static void DeferKeyRingUnlessLoadedAtStart(IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(KeyRingAtStart)))
        {
            return;
        }

        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == DataProtectionStartUpService)
            {
                services.RemoveAt(i);
            }
        }
    }

    /// <summary>The framework's hosted service that loads the key ring at start (internal to Data Protection).</summary>
    internal const string DataProtectionStartUpService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>Registered when a module needs the key ring loaded at start.</summary>
    private sealed class KeyRingAtStart;
}
