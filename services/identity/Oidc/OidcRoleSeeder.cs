using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Seeds each provider's configured role mapping and default roles into the role store at start,
/// only where the store has none for that provider, so edits made through the admin API survive restarts.
/// Seeded again at once when Redis lost its data (<see cref="IStoreSeeder"/>).
/// </summary>
internal sealed partial class OidcRoleSeeder(IOptions<OidcOptions> options, IRoleStore roles, ILogger<OidcRoleSeeder> logger) : IHostedService, IStoreSeeder
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SeedAsync(cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            // The service still starts (health says not ready); seeding is a convenience, not a dependency.
            LogStoreUnavailable(logger, ex.Message);
        }
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var (providerId, provider) in options.Value.Providers)
        {
            var id = ProviderIds.Oidc(providerId);
            if (provider.RoleMapping.Count > 0 && (await roles.GetRoleMappingAsync(id, cancellationToken)).Count == 0)
            {
                foreach (var (key, mapped) in provider.RoleMapping)
                {
                    await roles.SetRoleMappingAsync(id, key, mapped, cancellationToken);
                }

                LogSeeded(logger, id, "role mapping");
            }

            if (provider.DefaultRoles.Count > 0 && (await roles.GetDefaultRolesAsync(id, cancellationToken)).Count == 0)
            {
                await roles.SetDefaultRolesAsync(id, provider.DefaultRoles, cancellationToken);
                LogSeeded(logger, id, "default roles");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4430, Level = LogLevel.Information, Message = "Provider {Provider}: {What} seeded from configuration")]
    private static partial void LogSeeded(ILogger logger, string provider, string what);

    [LoggerMessage(EventId = 4431, Level = LogLevel.Warning, Message = "OpenID provider role mappings not seeded: the store is unavailable ({Reason})")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
