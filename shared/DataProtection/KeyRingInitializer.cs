using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Store.Redis;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.DataProtection;

/// <summary>
/// Makes the shared key ring's first key before Data Protection loads the ring, one replica at a time
/// (a Redis lock), so that replicas started together on a new Redis agree on one key. Left to Data
/// Protection, each makes its own, and once its two-minute refresh-on-miss window has passed it refuses
/// what the others protected (the sidecars' cube cookies, the OpenID Connect flow's cookies) until its
/// next refresh, up to a day later (dotnet/aspnetcore#52678; the end-to-end suite's two identity
/// replicas met it). Later keys are Data Protection's own: it makes them two days before they are
/// needed, when every replica has time to see them.
/// </summary>
internal sealed partial class KeyRingInitializer(
    IKeyManager keys,
    IConnectionMultiplexer redis,
    IOptions<StoreOptions> store,
    IOptions<KeyManagementOptions> keyManagement,
    IOptions<KeyRingOptions> keyRing,
    ILogger<KeyRingInitializer> logger) : IHostedService
{
    // Data Protection dates and chooses its keys by the system clock, not by an injected TimeProvider:
    // the first key's dates must come from that same clock (a test host's fake clock would make it
    // expired, or not yet active, in Data Protection's eyes).
    private static readonly TimeProvider Clock = TimeProvider.System;

    // Longer than creating and storing a key takes; a replica that dies holding the lock holds it no longer.
    private static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(keyRing.Value.CertificateFile))
        {
            LogUnencrypted(logger);
        }

        var database = redis.GetDatabase();
        var lockKey = new RedisKeys(store.Value.KeyPrefix).DataProtectionKeysLock;
        var owner = Guid.NewGuid().ToString("N");
        try
        {
            var giveUp = Clock.GetUtcNow() + LockLifetime;
            while (!await database.LockTakeAsync(lockKey, owner, LockLifetime))
            {
                if (Clock.GetUtcNow() > giveUp)
                {
                    LogLockNotTaken(logger);
                    return;
                }

                await Task.Delay(RetryDelay, Clock, cancellationToken);
            }

            try
            {
                var now = Clock.GetUtcNow();
                if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
                {
                    var key = keys.CreateNewKey(now, now + keyManagement.Value.NewKeyLifetime);
                    LogCreated(logger, key.KeyId);
                }
            }
            finally
            {
                await database.LockReleaseAsync(lockKey, owner);
            }
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex) || ex is StoreUnavailableException)
        {
            // The service still starts (not ready); Data Protection makes the key when it first needs one.
            LogStoreUnavailable(logger, ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Data Protection key {KeyId} created: the shared key ring had none")]
    private static partial void LogCreated(ILogger logger, Guid keyId);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "The key ring's start lock stayed taken; Data Protection loads the ring on its own")]
    private static partial void LogLockNotTaken(ILogger logger);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "The Data Protection key ring is stored in Redis unencrypted: set AtotiAuth:DataProtection:CertificateFile (docs/redis.md)")]
    private static partial void LogUnencrypted(ILogger logger);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "The key ring was not checked at start: the store is unavailable ({Reason})")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
