using AtotiAuth.Identity.Principals;
using AtotiAuth.Shared.Roles;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Seeds each provider's configured role mapping and default roles into the role store at start,
/// only where the store has none for that provider, so edits made through the admin API survive restarts.
/// </summary>
internal sealed partial class OidcRoleSeeder(IOptions<OidcOptions> options, IRoleStore roles, ILogger<OidcRoleSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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
}
