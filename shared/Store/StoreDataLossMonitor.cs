using AtotiAuth.Shared.Store.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store;

/// <summary>
/// Notices when Redis lost its data (a restart without persistence, a flush, a new empty server behind
/// the same address) and acts at once (issue 21). The identity service writes a random generation
/// marker (<c>{prefix}generation</c>) once it has seeded the store; every service reads it at every
/// reconnect and every <see cref="StoreOptions.DataLossCheckInterval"/>. A marker seen before that is
/// gone or replaced means the data went with it: the loss is logged as a critical event, the
/// <see cref="IStoreDataLossListener"/>s drop what they cached (so revoked and vanished sessions are
/// asked about again, and refused), and where <see cref="IStoreSeeder"/>s are registered (the identity
/// service) they re-apply configured users, role mappings and the CSV file, then a new marker is written.
/// In a cluster the marker lives on one slot, so only the loss of that node's data is noticed this way.
/// </summary>
internal sealed partial class StoreDataLossMonitor(
    IConnectionMultiplexer redis,
    IEnumerable<IStoreSeeder> seeders,
    IEnumerable<IStoreDataLossListener> listeners,
    IOptions<StoreOptions> options,
    ILogger<StoreDataLossMonitor> logger) : BackgroundService, IStoreIntegrity
{
    private readonly RedisKey _marker = new RedisKeys(options.Value.KeyPrefix).Generation;
    private readonly IStoreSeeder[] _seeders = [.. seeders];
    private readonly IStoreDataLossListener[] _listeners = [.. listeners];
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private string? _known;
    private bool _checkedOnce;

    /// <summary>The marker this process saw last (for tests).</summary>
    internal string? KnownGeneration => Volatile.Read(ref _known);

    public async ValueTask<bool> IsIntactAsync(CancellationToken cancellationToken = default)
    {
        // Read before the marker: the first seeding may write both while the read is under way, and a
        // marker absent then, compared with one known since, would look like a loss.
        var known = Volatile.Read(ref _known);
        RedisValue current;
        try
        {
            current = await redis.GetDatabase().StringGetAsync(_marker).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw RedisFailures.Unavailable(ex);
        }

        if (current.IsNull || (string?)current != known)
        {
            Wake();
        }

        // Before this process has seen a marker the store is being seeded for the first time: nothing it
        // knew of was lost, and a failed sign-in then counts (the login throttle right after a start).
        return !current.IsNull || known is null;
    }

    public override void Dispose()
    {
        base.Dispose();
        _checking.Dispose();
        _wake.Dispose();
    }

    /// <summary>Reads the marker and acts on what it says; false when the store could not be reached.</summary>
    internal async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var database = redis.GetDatabase();
            var current = (string?)await database.StringGetAsync(_marker).ConfigureAwait(false);
            if (_checkedOnce && _known is not null && current != _known)
            {
                LogDataLost(logger, current is null ? "is gone" : "was replaced", _seeders.Length > 0
                    ? "re-applying the configured users, role mappings and the CSV file now"
                    : "the identity service re-applies the configured users");
                foreach (var listener in _listeners)
                {
                    listener.OnStoreDataLost();
                }
            }

            if (current is null && _seeders.Length > 0)
            {
                foreach (var seeder in _seeders)
                {
                    await seeder.SeedAsync(cancellationToken).ConfigureAwait(false);
                }

                var generation = Guid.NewGuid().ToString("N");
                current = await database.StringSetAsync(_marker, generation, when: When.NotExists).ConfigureAwait(false)
                    ? generation
                    : (string?)await database.StringGetAsync(_marker).ConfigureAwait(false);
                if (_checkedOnce)
                {
                    LogReseeded(logger);
                }
                else
                {
                    LogSeeded(logger);
                }
            }

            Volatile.Write(ref _known, current);
            _checkedOnce = true;
            return true;
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex) || ex is StoreUnavailableException)
        {
            LogCheckFailed(logger, ex.Message);
            return false;
        }
        finally
        {
            _checking.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            var interval = options.Value.DataLossCheckInterval;
            while (!stoppingToken.IsCancellationRequested)
            {
                var checkedNow = await CheckAsync(stoppingToken).ConfigureAwait(false);

                // While unreachable, check again soon: the first answer after an outage is the one that matters.
                await _wake.WaitAsync(checkedNow ? interval : TimeSpan.FromMilliseconds(250), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            Wake();
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A check is already due.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Critical,
        Message = "REDIS LOST ITS DATA: the store's generation marker {What}. Every session, revocation, user, role and throttling counter it held is gone; tokens of vanished sessions are refused; {Action}. Check the Redis persistence (docs/redis.md).")]
    private static partial void LogDataLost(ILogger logger, string what, string action);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Store seeded again after the loss of its data: configured users, role mappings and the CSV file applied, new generation marker written")]
    private static partial void LogReseeded(ILogger logger);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Information, Message = "The store had no generation marker at start (new, or emptied while this service was away): seeded, marker written")]
    private static partial void LogSeeded(ILogger logger);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Debug, Message = "Store data check postponed: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
