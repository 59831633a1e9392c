using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Users;

/// <summary>
/// Creates the basic users of <see cref="IdentityOptions.Users"/> at start when they are missing; an
/// existing user is never overwritten, so a password changed through the admin API survives a restart.
/// For demos and tests: configuration is no place for real passwords. Seeded again at once when Redis
/// lost its data (<see cref="IStoreSeeder"/>).
/// </summary>
internal sealed partial class ConfiguredUserSeeder(
    BasicUsers basicUsers,
    IOptions<IdentityOptions> options,
    ILogger<ConfiguredUserSeeder> logger) : IHostedService, IStoreSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var seed in options.Value.Users)
        {
            var result = await basicUsers.CreateAsync(seed.Name, seed.Password, seed.Roles, UserStatus.Active, cancellationToken);
            if (result == BasicUserChange.AlreadyExists)
            {
                LogKept(logger, seed.Name);
            }
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

    [LoggerMessage(EventId = 4710, Level = LogLevel.Information, Message = "Seeded basic user {UserName} already exists; kept as is")]
    private static partial void LogKept(ILogger logger, LogText userName);

    [LoggerMessage(EventId = 4711, Level = LogLevel.Warning, Message = "Basic users not seeded: the store is unavailable ({Reason})")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
