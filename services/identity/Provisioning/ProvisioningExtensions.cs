using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>The CSV provisioning concern (a hosted service; idle when no file is configured).</summary>
internal static class ProvisioningExtensions
{
    public static IHostApplicationBuilder AddProvisioning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CsvProvisioningOptions>(CsvProvisioningOptions.SectionName);
        builder.Services.TryAddSingleton<CsvProvisioner>();
        builder.Services.AddStoreSeeder<CsvProvisioningService>();
        builder.Services.AddHostedService(static sp => sp.GetRequiredService<CsvProvisioningService>());
        return builder;
    }
}
