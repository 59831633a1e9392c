namespace AtotiAuth.Samples.Cube.Identity;

/// <summary>The identity headers the cube reads (section <c>Cube:Identity</c>); the sidecar's defaults.</summary>
public sealed class CubeIdentityOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Cube:Identity";

    /// <summary>User name header. Default <c>X-AtotiAuth-User</c>, the sidecar's default.</summary>
    public string UserHeader { get; set; } = "X-AtotiAuth-User";

    /// <summary>Roles header (comma-separated). Default <c>X-AtotiAuth-Roles</c>, the sidecar's default.</summary>
    public string RolesHeader { get; set; } = "X-AtotiAuth-Roles";
}
