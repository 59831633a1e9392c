using AtotiAuth.Identity.Users;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>One valid row of the provisioning file.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="UserName">Login name.</param>
/// <param name="Password">Password in clear (never logged).</param>
/// <param name="Status">Active or inactive.</param>
/// <param name="Roles">Roles besides <c>ROLE_USER</c>.</param>
internal sealed record CsvUserRow(int Line, string UserName, string Password, UserStatus Status, IReadOnlyList<string> Roles)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"CsvUserRow {{ Line = {Line}, UserName = {UserName}, Status = {Status} }}";
}
