namespace AtotiAuth.Samples.Cube.Identity;

/// <summary>What the cube saw: the identity headers, and every header name (so tests can prove what was stripped).</summary>
/// <param name="User">The user header's value, if any.</param>
/// <param name="Roles">The roles header, split on commas.</param>
/// <param name="Headers">Every incoming header name, as received.</param>
/// <param name="Cookies">Every incoming cookie name.</param>
/// <param name="Forwarding">The values of the forwarding headers (<c>X-Forwarded-*</c>, <c>Forwarded</c>) it received, by name.</param>
public sealed record WhoAmI(string? User, IReadOnlyList<string> Roles, IReadOnlyList<string> Headers, IReadOnlyList<string> Cookies, IReadOnlyDictionary<string, string> Forwarding);
