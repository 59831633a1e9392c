using System.Net;
using System.Net.Sockets;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Throttling;

/// <summary>
/// Counts login attempts before any credential or directory work (issue 22, STYLE.md §21): per user
/// name and client network, per user name from every network (with an exemption for networks the user
/// signed in from), and per client network. Attempts under way count too: when only they fill a limit,
/// a new attempt waits for them to end (a burst of genuine logins is served in turn, a burst of guesses
/// is refused once the first ones failed). Every counted attempt is ended by <see cref="EndAsync"/>.
/// </summary>
internal sealed partial class LoginThrottle(
    ILoginAttemptStore attempts,
    IStoreIntegrity store,
    IOptionsMonitor<LoginThrottleOptions> options,
    TimeProvider time,
    ILogger<LoginThrottle> logger)
{
    private const string AddressField = "all";

    /// <summary>How long an attempt waits for those under way before it is refused as locked.</summary>
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(10);

    /// <summary>The attempt, counted; null when a limit was reached (then nothing is counted and nothing may be tried).</summary>
    public async Task<LoginAttempt?> BeginAsync(string userName, string? clientAddress, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return LoginAttempt.Unthrottled;
        }

        var folded = UserNames.Fold(userName);
        var network = Network(clientAddress);
        var attempt = new LoginAttempt($"user:{folded}", $"known:{folded}", $"addr:{network}", network);
        var giveUp = time.GetUtcNow() + BusyWait;
        var pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var verdict = await TryCountAsync(attempt, settings, cancellationToken);
            if (verdict == AttemptVerdict.Counted)
            {
                return attempt;
            }

            if (verdict != AttemptVerdict.Busy || time.GetUtcNow() >= giveUp)
            {
                LogLocked(logger, userName, network, verdict);
                return null;
            }

            await Task.Delay(pause, time, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(200).Ticks));
        }
    }

    /// <summary>
    /// Ends a counted attempt. A success takes its count back, forgets the name's failures from this
    /// network (not from others, not the network's own: one good login must not reset a spray) and
    /// remembers the network as known; a failure stays counted; a withdrawn attempt is taken back. A
    /// failure on a store that lost its data is taken back too (issue 21): the name may have vanished
    /// with the data, and asking starts the re-seeding at once, so its user signs in again within
    /// seconds instead of finding it locked.
    /// </summary>
    public async Task EndAsync(LoginAttempt attempt, AttemptEnd end)
    {
        var settings = options.CurrentValue;
        if (ReferenceEquals(attempt, LoginAttempt.Unthrottled))
        {
            return;
        }

        // Not the request's token: an attempt abandoned by its client still ends.
        if (end == AttemptEnd.Failed && !await store.IsIntactAsync(CancellationToken.None))
        {
            end = AttemptEnd.Withdrawn;
        }

        var succeeded = end == AttemptEnd.Succeeded;
        await Task.WhenAll(
            attempts.EndAsync(attempt.UserKey, attempt.Network, end, CancellationToken.None),
            attempts.EndAsync(attempt.AddressKey, AddressField, end == AttemptEnd.Failed ? AttemptEnd.Failed : AttemptEnd.Withdrawn, CancellationToken.None),
            succeeded && settings.KnownAddressLifetime > TimeSpan.Zero
                ? attempts.RememberAsync(attempt.KnownKey, attempt.Network, settings.KnownAddressLifetime, CancellationToken.None)
                : Task.CompletedTask);
    }

    /// <summary>Lifts every lock on <paramref name="userName"/> (an admin's unlock); the networks' own counts stay.</summary>
    public Task UnlockAsync(string userName, CancellationToken cancellationToken)
        => attempts.ResetAsync($"user:{UserNames.Fold(userName)}", cancellationToken);

    /// <summary>
    /// The client's network as locks key it: an IPv4 address, or the /64 of an IPv6 one, since one
    /// subscriber gets a whole /64 and could rotate through it (RFC 6177); IPv4-mapped addresses as IPv4.
    /// </summary>
    internal static string Network(string? clientAddress)
    {
        if (!IPAddress.TryParse(clientAddress, out var address))
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>
    /// The address and the user name counted at once (one round trip); when either refuses, the other's
    /// count is withdrawn. Only a name at its ceiling asks whether this network is one the user signed
    /// in from, which lifts the ceiling.
    /// </summary>
    private async Task<AttemptVerdict> TryCountAsync(LoginAttempt attempt, LoginThrottleOptions settings, CancellationToken cancellationToken)
    {
        var byAddressCount = attempts.TryCountAsync(attempt.AddressKey, AddressField, settings.MaxFailuresPerAddress, settings.MaxFailuresPerAddress, settings.Window, cancellationToken);
        var byUserCount = attempts.TryCountAsync(attempt.UserKey, attempt.Network, settings.MaxFailuresPerUserAndAddress, settings.MaxFailuresPerUser, settings.Window, cancellationToken);
        await Task.WhenAll(byAddressCount, byUserCount);
        var (byAddress, byUser) = (await byAddressCount, await byUserCount);
        if (byUser == AttemptVerdict.TotalLimit
            && await attempts.IsRememberedAsync(attempt.KnownKey, attempt.Network, settings.KnownAddressLifetime, cancellationToken))
        {
            byUser = await attempts.TryCountAsync(attempt.UserKey, attempt.Network, settings.MaxFailuresPerUserAndAddress, int.MaxValue, settings.Window, cancellationToken);
        }

        if (byAddress == AttemptVerdict.Counted && byUser == AttemptVerdict.Counted)
        {
            return AttemptVerdict.Counted;
        }

        if (byAddress == AttemptVerdict.Counted)
        {
            await attempts.EndAsync(attempt.AddressKey, AddressField, AttemptEnd.Withdrawn, CancellationToken.None);
        }

        if (byUser == AttemptVerdict.Counted)
        {
            await attempts.EndAsync(attempt.UserKey, attempt.Network, AttemptEnd.Withdrawn, CancellationToken.None);
        }

        // A lock wins over waiting: nothing under way would lift it.
        return (byAddress is AttemptVerdict.Counted or AttemptVerdict.Busy) && byUser != AttemptVerdict.Counted ? byUser : byAddress;
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Login refused (login_locked) for user {UserName} from {ClientNetwork}: {Limit}")]
    private static partial void LogLocked(ILogger logger, LogText userName, string clientNetwork, AttemptVerdict limit);
}
