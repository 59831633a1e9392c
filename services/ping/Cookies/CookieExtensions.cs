using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Ping.Cookies;

/// <summary>This cube's cookie: Data Protection with the key ring in the store, so every replica reads every cookie.</summary>
internal static class CookieExtensions
{
    /// <summary>Application name shared by the services, so that purposes (not names) separate their payloads.</summary>
    private const string ApplicationName = "AtotiAuth";

    public static IHostApplicationBuilder AddCubeCookies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{StoreOptions.SectionName}:Redis"]))
        {
            // DESIGN.md §5: the key ring lives in Redis beside the sessions, under the store's key prefix.
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<IConnectionMultiplexer, IOptions<StoreOptions>>(static (keys, redis, store) =>
                    keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), store.Value.KeyPrefix + "dataprotection:keys"));
        }

        builder.Services.TryAddSingleton<CubeCookieProtector>();
        builder.Services.TryAddSingleton<CubeCookieWriter>();
        return builder;
    }
}
