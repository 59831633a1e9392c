using System.Net;
using System.Net.Sockets;
using AtotiAuth.Identity.Principals;
using AtotiAuth.Shared.Throttling;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Throttling;

/// <summary>
/// Counts login attempts before any credential or directory work (issue 22, STYLE.md §21): per user
/// name and client network, per user name from every network (with an exemption for networks the user
/// signed in from), and per client network. A success takes its own count back.
/// </summary>
internal sealed partial class LoginThrottle(
    ILoginAttemptStore attempts,
    IOptionsMonitor<LoginThrottleOptions> options,
    ILogger<LoginThrottle> logger)
{
    private const string AddressField = "all";

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

        // Both go out together: one round trip.
        var knowing = attempts.IsRememberedAsync(attempt.KnownKey, network, settings.KnownAddressLifetime, cancellationToken);
        var byAddress = attempts.TryCountAsync(attempt.AddressKey, AddressField, settings.MaxFailuresPerAddress, settings.MaxFailuresPerAddress, settings.Window, cancellationToken);
        await Task.WhenAll(knowing, byAddress);
        if (await byAddress != AttemptVerdict.Counted)
        {
            LogLocked(logger, userName, network, "address");
            return null;
        }

        var ceiling = await knowing ? int.MaxValue : settings.MaxFailuresPerUser;
        var byUser = await attempts.TryCountAsync(attempt.UserKey, network, settings.MaxFailuresPerUserAndAddress, ceiling, settings.Window, cancellationToken);
        if (byUser != AttemptVerdict.Counted)
        {
            await attempts.UncountAsync(attempt.AddressKey, AddressField, forgetField: false, cancellationToken);
            LogLocked(logger, userName, network, byUser == AttemptVerdict.FieldLimit ? "user and address" : "user");
            return null;
        }

        return attempt;
    }

    /// <summary>
    /// A success takes its attempt back, forgets the name's failures from this network (not from others,
    /// not the network's own: one good login must not reset a spray) and remembers the network as known.
    /// </summary>
    public Task SucceededAsync(LoginAttempt attempt, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (ReferenceEquals(attempt, LoginAttempt.Unthrottled))
        {
            return Task.CompletedTask;
        }

        return Task.WhenAll(
            attempts.UncountAsync(attempt.UserKey, attempt.Network, forgetField: true, cancellationToken),
            attempts.UncountAsync(attempt.AddressKey, AddressField, forgetField: false, cancellationToken),
            settings.KnownAddressLifetime > TimeSpan.Zero
                ? attempts.RememberAsync(attempt.KnownKey, attempt.Network, settings.KnownAddressLifetime, cancellationToken)
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

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Login refused (" + IdentityProblemCodes.LoginLocked + ") for user {UserName} from {ClientNetwork}: limit per {Limit} reached")]
    private static partial void LogLocked(ILogger logger, LogText userName, string clientNetwork, string limit);
}
