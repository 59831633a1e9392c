namespace AtotiAuth.Identity.Throttling;

/// <summary>An attempt <see cref="LoginThrottle.BeginAsync"/> counted: its keys, to take the count back on success.</summary>
/// <param name="UserKey">The user name's key (folded).</param>
/// <param name="KnownKey">The key of the networks where the user signed in.</param>
/// <param name="AddressKey">The client network's key.</param>
/// <param name="Network">The client network (an IPv4 address, an IPv6 /64).</param>
internal sealed record LoginAttempt(string UserKey, string KnownKey, string AddressKey, string Network)
{
    /// <summary>An attempt while throttling is off: nothing to take back.</summary>
    public static readonly LoginAttempt Unthrottled = new("", "", "", "");
}
