using AtotiAuth.Identity.Roles;
using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Identity.Principals;

/// <summary>
/// Layout 2 (issue 22): principals kept apart by provider. From layout 1 it moves the one hash of
/// individual roles into one hash per provider (a name that is a basic user goes to <c>basic</c>, any
/// other to the plan's unowned-roles provider, or stays where it was when there is none), turns the
/// basic mapping's keys into <c>user:{name}</c>, renames providers in mappings, default roles and
/// sessions, and moves every session into its principal's index. One replica migrates (a lock), the
/// others wait for it; the version key then makes later starts skip it. Every step only moves what is
/// left in the old places, so a run cut short is finished by the next.
/// </summary>
internal sealed partial class RedisLayoutMigration(
    IConnectionMultiplexer redis,
    IOptions<StoreOptions> store,
    RedisSessionIndexMigration sessionIndexes,
    ILogger<RedisLayoutMigration> logger) : IStoreLayoutMigration
{
    public const int CurrentVersion = 2;

    private static readonly TimeSpan LockLifetime = TimeSpan.FromMinutes(5);
    private readonly RedisKeys _keys = new(store.Value.KeyPrefix);

    public async Task<int> MigrateAsync(StoreLayoutPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        try
        {
            var db = redis.GetDatabase();
            var owner = Guid.NewGuid().ToString("N");
            while (true)
            {
                if ((int?)await db.StringGetAsync(_keys.LayoutVersion) >= CurrentVersion)
                {
                    return 0;
                }

                if (await db.LockTakeAsync(_keys.LayoutLock, owner, LockLifetime))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }

            try
            {
                var unassigned = await MoveIndividualRolesAsync(db, plan);
                await RenameProvidersAsync(db, plan);
                await KeyBasicMappingByUserAsync(db, plan.BasicProvider);
                var sessions = await sessionIndexes.MoveSessionsAsync(plan.RenamedProviders, cancellationToken);
                await db.StringSetAsync(_keys.LayoutVersion, CurrentVersion);
                LogMigrated(logger, sessions, unassigned);
                return unassigned;
            }
            finally
            {
                await db.LockReleaseAsync(_keys.LayoutLock, owner);
            }
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }
    }

    private async Task<int> MoveIndividualRolesAsync(IDatabase db, StoreLayoutPlan plan)
    {
        var unassigned = 0;
        foreach (var entry in await db.HashGetAllAsync(_keys.LegacyIndividualRoles))
        {
            string userName = entry.Name!;
            var provider = await db.HashExistsAsync(_keys.Users, userName) ? plan.BasicProvider : plan.UnownedRolesProvider;
            if (provider is null)
            {
                unassigned++;
                continue;
            }

            await db.HashSetAsync(_keys.IndividualRoles(provider), userName, entry.Value, When.NotExists);
            await db.HashDeleteAsync(_keys.LegacyIndividualRoles, userName);
        }

        return unassigned;
    }

    private async Task RenameProvidersAsync(IDatabase db, StoreLayoutPlan plan)
    {
        foreach (var (from, to) in plan.RenamedProviders)
        {
            foreach (var entry in await db.HashGetAllAsync(_keys.RoleMapping(from)))
            {
                await db.HashSetAsync(_keys.RoleMapping(to), entry.Name, entry.Value, When.NotExists);
            }

            await db.KeyDeleteAsync(_keys.RoleMapping(from));
            var defaults = await db.HashGetAsync(_keys.DefaultRoles, from);
            if (!defaults.IsNull)
            {
                await db.HashSetAsync(_keys.DefaultRoles, to, defaults, When.NotExists);
                await db.HashDeleteAsync(_keys.DefaultRoles, from);
            }
        }
    }

    /// <summary>Basic users have no provider roles: every key of their mapping was a user name.</summary>
    private async Task KeyBasicMappingByUserAsync(IDatabase db, string basicProvider)
    {
        var mapping = _keys.RoleMapping(basicProvider);
        foreach (var entry in await db.HashGetAllAsync(mapping))
        {
            string key = entry.Name!;
            if (!RoleResolver.IsUserKey(key))
            {
                await db.HashSetAsync(mapping, RoleResolver.UserKeyPrefix + key, entry.Value, When.NotExists);
                await db.HashDeleteAsync(mapping, key);
            }
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Store migrated to layout 2 (principals per provider): {Sessions} session(s) moved; {Unassigned} individual role entries kept unassigned, since no single provider owns them (assign them through the admin API)")]
    private static partial void LogMigrated(ILogger logger, int sessions, int unassigned);
}
