namespace AtotiAuth.Identity.Users;

/// <summary>A basic user seeded from configuration (<c>AtotiAuth:Identity:Users:{i}</c>), for demos and tests.</summary>
public sealed class SeedUser
{
    /// <summary>Login name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Password in clear, hashed at start; never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>Individual roles besides <c>ROLE_USER</c>, which every created basic user gets.</summary>
    public IList<string> Roles { get; } = [];
}
