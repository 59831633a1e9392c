using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity.Throttling;

/// <summary>
/// Brute-force protection (section <c>AtotiAuth:Identity:Throttling</c>). Every attempt is counted before
/// its password is checked, for every name typed, existing or not, so a lock says nothing about whether
/// a user exists and no more than a limit is ever tried, however many arrive at once (issue 22).
/// </summary>
public sealed class LoginThrottleOptions : IBoundOptions<LoginThrottleOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Throttling";

    static void IBoundOptions<LoginThrottleOptions>.Bind(IConfiguration section, LoginThrottleOptions options) => section.Bind(options);

    /// <summary>Turns the protection on. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Failures per user name from one client network (an IPv4 address, an IPv6 /64) within
    /// <see cref="Window"/> before that name is locked there. Default 5, as OWASP's authentication cheat
    /// sheet suggests. A lock here does not keep the user out from another network.
    /// </summary>
    [Range(1, 1000)]
    public int MaxFailuresPerUserAndAddress { get; set; } = 5;

    /// <summary>
    /// Failures per user name from all networks together within <see cref="Window"/>: past it, the name is
    /// locked for every network except those where it signed in successfully within
    /// <see cref="KnownAddressLifetime"/>, so a distributed guesser is stopped and still cannot keep the
    /// user out of their usual places. Default 100.
    /// </summary>
    [Range(1, 100000)]
    public int MaxFailuresPerUser { get; set; } = 100;

    /// <summary>
    /// Failures per client network within <see cref="Window"/>. Default 50: several users may share an
    /// address (NAT, proxy); this stops one host spraying many names. Behind a proxy, configure
    /// forwarded headers so the address is the client's.
    /// </summary>
    [Range(1, 100000)]
    public int MaxFailuresPerAddress { get; set; } = 50;

    /// <summary>Counting window, and so the lock's longest duration. Default 15 minutes.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a network where a user signed in stays exempt from that user's <see cref="MaxFailuresPerUser"/> lock. Default 30 days.</summary>
    [TimeSpanRange("00:00:00", "365.00:00:00")]
    public TimeSpan KnownAddressLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The <c>Retry-After</c> of a lock: <see cref="Window"/> in whole seconds.</summary>
    internal string RetryAfterSeconds() => ((int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
