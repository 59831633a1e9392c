using AtotiAuth.Shared.Throttling;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Throttling;

/// <summary>Counts failed logins per user name and per client address in the shared store.</summary>
internal sealed partial class LoginThrottle(
    ILoginAttemptStore attempts,
    IOptionsMonitor<LoginThrottleOptions> options,
    ILogger<LoginThrottle> logger)
{
    public async Task<bool> IsLockedAsync(string userName, string clientAddress, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return false;
        }

        var byUser = await attempts.GetAsync(UserKey(userName), cancellationToken);
        var byAddress = await attempts.GetAsync(AddressKey(clientAddress), cancellationToken);
        var locked = byUser >= settings.MaxFailuresPerUser || byAddress >= settings.MaxFailuresPerAddress;
        if (locked)
        {
            LogLocked(logger, userName, clientAddress);
        }

        return locked;
    }

    public async Task RecordFailureAsync(string userName, string clientAddress, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return;
        }

        await attempts.IncrementAsync(UserKey(userName), settings.Window, cancellationToken);
        await attempts.IncrementAsync(AddressKey(clientAddress), settings.Window, cancellationToken);
    }

    /// <summary>A success forgets the user's failures, not the address's: one good login must not reset a spray.</summary>
    public Task RecordSuccessAsync(string userName, CancellationToken cancellationToken)
        => options.CurrentValue.Enabled ? attempts.ResetAsync(UserKey(userName), cancellationToken) : Task.CompletedTask;

    // Case-folded, so "Alice" and "alice" share one budget whatever the provider's case rules.
    private static string UserKey(string userName) => $"user:{userName.ToUpperInvariant()}";

    private static string AddressKey(string clientAddress) => $"addr:{clientAddress}";

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Login refused (" + IdentityProblemCodes.LoginLocked + ") for user {UserName} from {ClientAddress}")]
    private static partial void LogLocked(ILogger logger, LogText userName, string clientAddress);
}
