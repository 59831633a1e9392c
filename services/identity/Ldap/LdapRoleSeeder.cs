using AtotiAuth.Identity.Principals;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Ldap;

/// <summary>
/// Seeds provider <c>ldap</c>'s role mapping and default roles from configuration at start, only
/// where the store has nothing: once there, the admin API owns them, so a change made at run time
/// survives a restart (as basic users do, <see cref="Users.ConfiguredUserSeeder"/>). Seeded again at
/// once when Redis lost its data (<see cref="IStoreSeeder"/>).
/// </summary>
internal sealed partial class LdapRoleSeeder(
    IRoleStore roles,
    IOptions<LdapOptions> options,
    ILogger<LdapRoleSeeder> logger) : IHostedService, IStoreSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsActive || (settings.RoleMapping.Count == 0 && settings.DefaultRoles.Count == 0))
        {
            return;
        }

        var mapping = await roles.GetRoleMappingAsync(ProviderIds.Ldap, cancellationToken);
        foreach (var (key, mapped) in settings.RoleMapping)
        {
            if (!mapping.ContainsKey(key) && mapped.Count > 0)
            {
                await roles.SetRoleMappingAsync(ProviderIds.Ldap, key, mapped, cancellationToken);
            }
        }

        var defaults = await roles.GetDefaultRolesAsync(ProviderIds.Ldap, cancellationToken);
        if (defaults.Count == 0 && settings.DefaultRoles.Count > 0)
        {
            await roles.SetDefaultRolesAsync(ProviderIds.Ldap, settings.DefaultRoles, cancellationToken);
        }
    }

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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4520, Level = LogLevel.Warning, Message = "LDAP role mapping not seeded: the store is unavailable ({Reason})")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
