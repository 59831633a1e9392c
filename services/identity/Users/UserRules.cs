namespace AtotiAuth.Identity.Users;

/// <summary>What every user store refuses to keep.</summary>
internal static class UserRules
{
    public static void Validate(BasicUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.UserName);
        ArgumentException.ThrowIfNullOrEmpty(user.PasswordHash);
    }
}
