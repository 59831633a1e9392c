namespace AtotiAuth.Testcontainers;

/// <summary>Roles put through the admin API once the service is ready (configuration seeds only users).</summary>
/// <param name="Path">The admin path, e.g. <c>/admin/roles/individual/alice</c>.</param>
/// <param name="Roles">The roles.</param>
internal sealed record RoleSeed(string Path, IReadOnlyList<string> Roles)
{
    public static RoleSeed Individual(string userName, IReadOnlyList<string> roles) =>
        new($"/admin/roles/individual/{Uri.EscapeDataString(userName)}", roles);

    public static RoleSeed Mapping(string provider, string key, IReadOnlyList<string> roles) =>
        new($"/admin/providers/{Uri.EscapeDataString(provider)}/role-mapping/{Uri.EscapeDataString(key)}", roles);

    public static RoleSeed Defaults(string provider, IReadOnlyList<string> roles) =>
        new($"/admin/providers/{Uri.EscapeDataString(provider)}/default-roles", roles);
}
