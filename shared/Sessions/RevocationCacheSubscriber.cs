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
    // Short: the client opens its subscription connection after the interactive one, and a subscription
    // asked for before it is up fails at once (BacklogPolicy.FailFast, RedisConnection).
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private IAsyncDisposable? _subscription;
    private string? _refusal;

    /// <summary>Why Redis refused the subscription (a missing channel permission), while it does; else null.</summary>
    public string? Refusal => Volatile.Read(ref _refusal);

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
                Volatile.Write(ref _refusal, null);
                cache.OnSubscribed();
                LogSubscribed(logger);
                return;
            }
            catch (StoreUnavailableException ex)
            {
                Volatile.Write(ref _refusal, ex.InnerException is StackExchange.Redis.RedisServerException server && Store.Redis.RedisFailures.IsRefused(server) ? ex.Message : null);
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
