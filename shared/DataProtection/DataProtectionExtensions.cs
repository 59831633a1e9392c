using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.DataProtection;

/// <summary>
/// The Data Protection key ring shared by every replica (STYLE.md §4): what one replica protects
/// (antiforgery tokens, an OpenID Connect flow's state, nonce and correlation cookies) another can read,
/// so a login started on one replica finishes on any other.
/// </summary>
public static class DataProtectionExtensions
{
    /// <summary>Application name shared by every AtotiAuth service, so their protectors agree.</summary>
    public const string ApplicationName = "AtotiAuth";

    /// <summary>
    /// Adds Data Protection with the key ring in Redis (key <c>{prefix}data-protection-keys</c>) when
    /// <c>AtotiAuth:Store:Redis</c> is set; otherwise the default per-machine ring, which only suits a
    /// single instance. Safe to call more than once.
    /// </summary>
    public static IHostApplicationBuilder AddAtotiAuthDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAtotiAuthStore();
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{StoreOptions.SectionName}:Redis"]))
        {
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, IOptions<StoreOptions>>(static (options, redis, store) =>
                options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), new RedisKeys(store.Value.KeyPrefix).DataProtectionKeys));
        }

        return builder;
    }
}
