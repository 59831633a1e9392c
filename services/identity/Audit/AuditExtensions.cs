using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Identity.Audit;

/// <summary>The audit concern: the trail, its store (Redis when the service has one, else memory) and its retention.</summary>
internal static class AuditExtensions
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AuditOptions>(AuditOptions.SectionName);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{StoreOptions.SectionName}:Redis"]))
        {
            builder.Services.TryAddSingleton<IAuditStore, InMemoryAuditStore>();
        }
        else
        {
            builder.Services.TryAddSingleton<IAuditStore, RedisAuditStore>();
        }

        builder.Services.TryAddSingleton<AuditTrail>();
        builder.Services.TryAddSingleton<AdminAuditFilter>();
        return builder;
    }
}
