namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// A logged-in user's session. <see cref="Id"/> is a public handle (the JWT's <c>sid</c>, the admin
/// API's key); the cookie carries a separate secret, so a leaked token never yields a usable cookie.
/// </summary>
/// <param name="Id">Public session handle.</param>
/// <param name="UserName">The principal's name as the provider vouched for it, case-normalised.</param>
/// <param name="Provider">The provider that authenticated the user (<c>basic</c>, <c>ldap</c>, <c>oidc:{id}</c>).</param>
/// <param name="Roles">Final roles resolved at login (DESIGN.md §3).</param>
/// <param name="CreatedAt">Login time.</param>
/// <param name="LastSeenAt">Last authenticated use, for the idle timeout.</param>
/// <param name="ExpiresAt">Absolute expiry, whatever the activity.</param>
/// <param name="ProviderRoles">
/// The provider's own roles or groups at login, kept so that the final roles can be resolved again when
/// an admin changes roles (issue 22); null for a session made before they were kept.
/// </param>
public sealed record Session(
    string Id,
    string UserName,
    string Provider,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string>? ProviderRoles = null);
