using AtotiAuth.Shared.Store;
using AtotiAuth.Shared.Throttling;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Throttling;

/// <summary>Counts failed logins per user name and per client address in the shared store.</summary>
internal sealed partial class LoginThrottle(
    ILoginAttemptStore attempts,
    IStoreIntegrity store,
    IOptionsMonitor<LoginThrottleOptions> options,
    ILogger<LoginThrottle> logger)
{
    /// <summary>Reads both counters at once (one round trip); locked when either reached its limit.</summary>
    public async Task<ThrottleCheck> CheckAsync(string userName, string clientAddress, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return new ThrottleCheck(Locked: false, UserHasFailures: false);
        }

        var byUserRead = attempts.GetAsync(UserKey(userName), cancellationToken);
        var byAddressRead = attempts.GetAsync(AddressKey(clientAddress), cancellationToken);
        await Task.WhenAll(byUserRead, byAddressRead);
        var byUser = await byUserRead;
        var locked = byUser >= settings.MaxFailuresPerUser || await byAddressRead >= settings.MaxFailuresPerAddress;
        if (locked)
        {
            LogLocked(logger, userName, clientAddress);
        }

        return new ThrottleCheck(locked, byUser > 0);
    }

    /// <summary>
    /// Counts a failure for the name and for the address, both at once. Not on a store that lost its data
    /// (issue 21): the name may have vanished with it, and asking starts the re-seeding at once, so its
    /// user signs in again within seconds instead of finding it locked.
    /// </summary>
    public async Task RecordFailureAsync(string userName, string clientAddress, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled || !await store.IsIntactAsync(cancellationToken))
        {
            return;
        }

        await Task.WhenAll(
            attempts.IncrementAsync(UserKey(userName), settings.Window, cancellationToken),
            attempts.IncrementAsync(AddressKey(clientAddress), settings.Window, cancellationToken));
    }

    /// <summary>
    /// A success forgets the user's failures, not the address's: one good login must not reset a spray.
    /// Nothing to forget (the usual case, no store call) when <paramref name="check"/> found none; a failure
    /// counted meanwhile by a concurrent attempt then stays counted, the strict side.
    /// </summary>
    public Task RecordSuccessAsync(string userName, ThrottleCheck check, CancellationToken cancellationToken)
        => options.CurrentValue.Enabled && check.UserHasFailures ? attempts.ResetAsync(UserKey(userName), cancellationToken) : Task.CompletedTask;

    // Case-folded, so "Alice" and "alice" share one budget whatever the provider's case rules.
    private static string UserKey(string userName) => $"user:{userName.ToUpperInvariant()}";

    private static string AddressKey(string clientAddress) => $"addr:{clientAddress}";

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Login refused (" + IdentityProblemCodes.LoginLocked + ") for user {UserName} from {ClientAddress}")]
    private static partial void LogLocked(ILogger logger, LogText userName, string clientAddress);
}
