using AtotiAuth.Identity.Ldap;
using AtotiAuth.Identity.Oidc;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Principals;

/// <summary>
/// Migrates data stored before principals were kept apart by provider (issue 22), at start and before
/// the seeders: bare-name individual roles go to the basic user of that name, else to the only other
/// provider configured (LDAP or one OpenID provider), else stay unassigned with a warning; OpenID
/// provider ids become <c>oidc:{id}</c>. With the store down, it tries again in the background.
/// </summary>
internal sealed partial class StoreLayoutMigrator(
    IStoreLayoutMigration migration,
    IOptions<LdapOptions> ldap,
    IOptions<OidcOptions> oidc,
    ILogger<StoreLayoutMigrator> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>Migrates before the next hosted services (the seeders) start; the retries, when needed, run in the background.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryMigrateAsync(cancellationToken))
        {
            await base.StartAsync(cancellationToken);
        }
    }

    internal StoreLayoutPlan Plan()
    {
        var renamed = oidc.Value.Providers.Keys
            .Where(static id => id is not (ProviderIds.Basic or ProviderIds.Ldap or ProviderIds.Kerberos))
            .ToDictionary(static id => id, ProviderIds.Oidc, StringComparer.Ordinal);
        var others = renamed.Values.Concat(ldap.Value.IsActive ? [ProviderIds.Ldap] : []).ToList();
        return new StoreLayoutPlan(ProviderIds.Basic, others.Count == 1 ? others[0] : null, renamed);
    }

    private async Task<bool> TryMigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var unassigned = await migration.MigrateAsync(Plan(), cancellationToken);
            if (unassigned > 0)
            {
                LogUnassigned(logger, unassigned);
            }

            return true;
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreUnavailable(logger, ex.Message);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            do
            {
                await Task.Delay(RetryDelay, stoppingToken);
            }
            while (!await TryMigrateAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 4730, Level = LogLevel.Warning, Message = "{Count} individual role entries of the old layout name no basic user and no single provider owns them: they apply to nobody until an admin sets them per provider")]
    private static partial void LogUnassigned(ILogger logger, int count);

    [LoggerMessage(EventId = 4731, Level = LogLevel.Warning, Message = "Store layout not checked at start: the store is unavailable ({Reason}); trying again every 10 s")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
