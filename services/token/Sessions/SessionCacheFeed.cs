using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Token.Sessions;

/// <summary>
/// Subscribes the <see cref="SessionCache"/> to the store's revocations. Until the subscription holds
/// (Redis down at start, say) the cache stays off and every call asks the store.
/// </summary>
internal sealed partial class SessionCacheFeed(
    IRevocationStore revocations,
    SessionCache cache,
    TimeProvider time,
    ILogger<SessionCacheFeed> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var subscription = await revocations.SubscribeAsync(cache, stoppingToken);
                await using (subscription)
                {
                    cache.OnSubscribed();
                    LogSubscribed(logger);
                    await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken);
                }
            }
            catch (StoreUnavailableException ex)
            {
                LogSubscribeFailed(logger, ex.Message);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Session cache subscribed to revocations")]
    private static partial void LogSubscribed(ILogger logger);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Revocation feed unavailable, session cache off: {Reason}")]
    private static partial void LogSubscribeFailed(ILogger logger, string reason);
}
