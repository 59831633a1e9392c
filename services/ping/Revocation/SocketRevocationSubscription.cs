using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;

namespace AtotiAuth.Ping.Revocation;

/// <summary>
/// Subscribes <see cref="OpenSockets"/> to revocations for the host's lifetime. Redis may be down at
/// start (the services start anyway and fail closed): the subscription is retried until it holds.
/// </summary>
internal sealed partial class SocketRevocationSubscription(
    IRevocationStore store,
    OpenSockets sockets,
    TimeProvider time,
    ILogger<SocketRevocationSubscription> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IAsyncDisposable? subscription = null;
        while (subscription is null && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                subscription = await store.SubscribeAsync(sockets, stoppingToken);
            }
            catch (StoreUnavailableException)
            {
                LogSubscribeFailed(logger, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        if (subscription is null)
        {
            return;
        }

        await using (subscription)
        {
            // Sockets opened before the subscription held may have missed a notification.
            await sockets.RecheckAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "Could not subscribe to revocations; retrying in {Seconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, double seconds);
}
