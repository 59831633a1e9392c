namespace AtotiAuth.Testcontainers;

/// <summary>Roles put through the admin API once the service is ready (configuration seeds only users).</summary>
/// <param name="Path">The admin path, e.g. <c>/admin/providers/basic/users/alice/roles</c>.</param>
/// <param name="Roles">The roles.</param>
internal sealed record RoleSeed(string Path, IReadOnlyList<string> Roles)
{
    /// <summary>Individual roles of a basic user (seeded by configuration first): each provider's users are apart (issue 22).</summary>
    public static RoleSeed Individual(string userName, IReadOnlyList<string> roles) =>
        new($"/admin/providers/basic/users/{Uri.EscapeDataString(userName)}/roles", roles);

    public static RoleSeed Mapping(string provider, string key, IReadOnlyList<string> roles) =>
        new($"/admin/providers/{Uri.EscapeDataString(provider)}/role-mapping/{Uri.EscapeDataString(key)}", roles);

    public static RoleSeed Defaults(string provider, IReadOnlyList<string> roles) =>
        new($"/admin/providers/{Uri.EscapeDataString(provider)}/default-roles", roles);
}
