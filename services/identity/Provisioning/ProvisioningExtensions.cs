using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>The CSV provisioning concern (a hosted service; idle when no file is configured).</summary>
internal static class ProvisioningExtensions
{
    public static IHostApplicationBuilder AddProvisioning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CsvProvisioningOptions, CsvProvisioningOptionsValidator>(CsvProvisioningOptions.SectionName);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{StoreOptions.SectionName}:Redis"]))
        {
            builder.Services.TryAddSingleton<IProvisioningLedger, InMemoryProvisioningLedger>();
        }
        else
        {
            builder.Services.TryAddSingleton<IProvisioningLedger, RedisProvisioningLedger>();
        }

        builder.Services.TryAddSingleton<CsvRowDigests>();
        builder.Services.TryAddSingleton<CsvProvisioningStatus>();
        builder.Services.TryAddSingleton<CsvProvisioner>();
        builder.Services.AddStoreSeeder<CsvProvisioningService>();
        builder.Services.AddHostedService(static sp => sp.GetRequiredService<CsvProvisioningService>());
        return builder;
    }
}
