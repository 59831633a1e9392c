namespace AtotiAuth.Identity.Throttling;

/// <summary>What <see cref="LoginThrottle.CheckAsync"/> found before a login is tried.</summary>
/// <param name="Locked">Too many failures for the name or the address: refuse without trying.</param>
/// <param name="UserHasFailures">The name has failures in the current window, which a success must forget.</param>
internal readonly record struct ThrottleCheck(bool Locked, bool UserHasFailures);
