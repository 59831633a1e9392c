using System.ComponentModel.DataAnnotations;

namespace AtotiAuth.Identity.Throttling;

/// <summary>
/// Brute-force protection (section <c>AtotiAuth:Identity:Throttling</c>): after too many failures within
/// a window, logins for that user name or from that client address are refused until the window ends.
/// Counted for every name typed, existing or not, so a lock says nothing about whether a user exists.
/// </summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Throttling";

    /// <summary>Turns the protection on. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Failures per user name within <see cref="Window"/> before it is locked. Default 5, as OWASP's
    /// authentication cheat sheet suggests; low enough to stop guessing, high enough for typos.
    /// </summary>
    [Range(1, 1000)]
    public int MaxFailuresPerUser { get; set; } = 5;

    /// <summary>
    /// Failures per client address within <see cref="Window"/>. Default 50: several users may share an
    /// address (NAT, proxy); this stops one host spraying many names. Behind a proxy, configure
    /// forwarded headers so the address is the client's.
    /// </summary>
    [Range(1, 100000)]
    public int MaxFailuresPerAddress { get; set; } = 50;

    /// <summary>Counting window, and so the lock's longest duration. Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
