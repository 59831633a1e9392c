namespace AtotiAuth.Testcontainers;

/// <summary>
/// A basic user seeded at start (<c>AtotiAuth:Identity:Users</c>). Every basic user gets
/// <c>ROLE_USER</c>; <paramref name="Roles"/> are its individual roles besides it.
/// </summary>
/// <param name="Name">Login name.</param>
/// <param name="Password">Password in clear (test data only).</param>
/// <param name="Roles">Individual roles besides <c>ROLE_USER</c>.</param>
public sealed record AtotiAuthUser(string Name, string Password, IReadOnlyList<string> Roles);
