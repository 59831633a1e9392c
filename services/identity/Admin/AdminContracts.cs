namespace AtotiAuth.Identity.Admin;

/// <summary>Creates a basic user; it gets <c>ROLE_USER</c> plus <paramref name="Roles"/>.</summary>
public sealed record CreateUserRequest(string? UserName, string? Password, IList<string>? Roles);

/// <summary>Sets a basic user's password.</summary>
public sealed record PasswordRequest(string? Password);

/// <summary>Sets a basic user's status: <c>Active</c> or <c>Inactive</c> (deactivation revokes its sessions).</summary>
public sealed record StatusRequest(string? Status);

/// <summary>A set of roles (individual roles, a mapping entry, default roles).</summary>
public sealed record RolesRequest(IList<string>? Roles);

/// <summary>A basic user as the admin API shows it (its provider is always <c>basic</c>): never the password hash.</summary>
public sealed record UserResponse(string UserName, string Provider, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<string> Roles);

/// <summary>The principal whose individual roles another one shares: a provider id and that provider's user name.</summary>
public sealed record LinkRequest(string? Provider, string? UserName);

/// <summary>A principal: provider id and user name.</summary>
public sealed record PrincipalResponse(string Provider, string UserName);

/// <summary>A link: <paramref name="Principal"/> shares the individual roles of <paramref name="Target"/>.</summary>
public sealed record LinkResponse(PrincipalResponse Principal, PrincipalResponse Target);

/// <summary>A set of roles.</summary>
public sealed record RolesResponse(IReadOnlyList<string> Roles);

/// <summary>An active session.</summary>
public sealed record SessionResponse(
    string Id,
    string UserName,
    string Provider,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt);

/// <summary>How many sessions were revoked.</summary>
public sealed record RevokedResponse(int Revoked);
