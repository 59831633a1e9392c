namespace AtotiAuth.Identity.Users;

/// <summary>A basic (local) user. The password is kept only as an ASP.NET Core Identity hash.</summary>
/// <param name="UserName">Login name.</param>
/// <param name="PasswordHash">Output of <c>PasswordHasher</c>; never the password.</param>
/// <param name="Status">Inactive users cannot log in.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record BasicUser(
    string UserName,
    string PasswordHash,
    UserStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
