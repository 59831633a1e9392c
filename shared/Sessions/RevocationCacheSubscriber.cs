using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Subscribes <see cref="RevocationCache"/> to the store's feed at start, retrying while Redis is away
/// (the cache asks the store on every check meanwhile, so nothing is let through), and unsubscribes at stop.
/// </summary>
internal sealed partial class RevocationCacheSubscriber(
    IRevocationStore store,
    RevocationCache cache,
    TimeProvider time,
    ILogger<RevocationCacheSubscriber> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private IAsyncDisposable? _subscription;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            await subscription.DisposeAsync();
            cache.OnSubscribing();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (true)
        {
            cache.OnSubscribing();
            try
            {
                _subscription = await store.SubscribeAsync(cache, stoppingToken);
                cache.OnSubscribed();
                LogSubscribed(logger);
                return;
            }
            catch (StoreUnavailableException ex)
            {
                LogSubscribeFailed(logger, retry, ex);
            }

            await Task.Delay(retry, time, stoppingToken);
            retry = retry * 2 < LastRetry ? retry * 2 : LastRetry;
        }
    }

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Subscribed to revocations.")]
    private static partial void LogSubscribed(ILogger logger);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning,
        Message = "Could not subscribe to revocations; every check asks the store meanwhile. Retrying in {Retry}.")]
    private static partial void LogSubscribeFailed(ILogger logger, TimeSpan retry, Exception exception);
}
