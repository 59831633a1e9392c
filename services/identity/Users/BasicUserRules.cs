using AtotiAuth.Identity.Principals;

namespace AtotiAuth.Identity.Users;

/// <summary>What a basic user name, password and role may be; the messages go to the admin API's problems.</summary>
internal static class BasicUserRules
{
    public const int MaxPasswordLength = 1024;
    public const string UserRole = "ROLE_USER";

    /// <summary><see cref="UserNames.Check"/>, and no colon: RFC 7617 §2's user-id of Basic credentials cannot hold one.</summary>
    public static string? CheckUserName(string? userName)
    {
        if (UserNames.Check(userName) is { } problem)
        {
            return problem;
        }

        return userName!.Contains(':', StringComparison.Ordinal) ? "must not contain ':'." : null;
    }

    public static string? CheckPassword(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "is required.";
        }

        return password.Length > MaxPasswordLength ? $"must be at most {MaxPasswordLength} characters." : null;
    }

    public static string? CheckRoles(IEnumerable<string>? roles)
    {
        if (roles is null)
        {
            return "is required (an empty list is allowed).";
        }

        return roles.Any(static r => string.IsNullOrWhiteSpace(r) || r.Any(char.IsControl) || r.Length > 256)
            ? "must not contain empty names, control characters or names over 256 characters."
            : null;
    }
}
