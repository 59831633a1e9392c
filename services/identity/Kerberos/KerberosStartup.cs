using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>
/// At start, with the provider on: sets GSSAPI up (a missing keytab, library or writable replay cache
/// stops the service with the reason), then seeds provider <c>kerberos</c>'s role mapping and default
/// roles where the store has none (the admin API owns them afterwards, as for LDAP).
/// </summary>
internal sealed partial class KerberosStartup(
    KerberosAcceptor acceptor,
    IRoleStore roles,
    IOptions<KerberosOptions> options,
    ILogger<KerberosStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsActive)
        {
            return;
        }

        try
        {
            acceptor.EnsureReady();
        }
        catch (KerberosSetupException ex)
        {
            throw new InvalidOperationException($"The Kerberos provider ({KerberosOptions.SectionName}) cannot start: {ex.Message}.", ex);
        }

        try
        {
            var mapping = await roles.GetRoleMappingAsync(KerberosAuthenticator.Provider, cancellationToken);
            foreach (var (key, mapped) in settings.RoleMapping.Where(m => m.Value.Count > 0 && !mapping.ContainsKey(m.Key)))
            {
                await roles.SetRoleMappingAsync(KerberosAuthenticator.Provider, key, mapped, cancellationToken);
            }

            if (settings.DefaultRoles.Count > 0 && (await roles.GetDefaultRolesAsync(KerberosAuthenticator.Provider, cancellationToken)).Count == 0)
            {
                await roles.SetDefaultRolesAsync(KerberosAuthenticator.Provider, settings.DefaultRoles, cancellationToken);
            }
        }
        catch (StoreUnavailableException ex)
        {
            // The service still starts (health says not ready); seeding is a convenience, not a dependency.
            LogStoreUnavailable(logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4802, Level = LogLevel.Warning, Message = "Kerberos role mapping not seeded: the store is unavailable ({Reason})")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
