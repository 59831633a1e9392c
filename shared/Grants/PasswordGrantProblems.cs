using Microsoft.AspNetCore.Http;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace AtotiAuth.Shared.Grants;

/// <summary>The refusals of a password, the same codes at the login and on the token paths.</summary>
public static class PasswordGrantProblems
{
    /// <summary>Unknown user, inactive user or wrong password, one answer for all three (401).</summary>
    public static Hosting.ProblemCode InvalidCredentials { get; } =
        new("invalid_credentials", Status401Unauthorized, "The user name or password is incorrect.");

    /// <summary>Too many failed logins for the name or the network; <c>Retry-After</c> says when to try again (429).</summary>
    public static Hosting.ProblemCode LoginLocked { get; } =
        new("login_locked", Status429TooManyRequests, "Too many failed logins; try again later.");

    /// <summary>The directory (LDAP) could not answer; nothing was counted against the name (503).</summary>
    public static Hosting.ProblemCode DirectoryUnavailable { get; } =
        new("directory_unavailable", Status503ServiceUnavailable, "The directory is unavailable; try again shortly.");

    /// <summary>The token service could not reach the identity service to check the password (503).</summary>
    public static Hosting.ProblemCode IdentityUnavailable { get; } =
        new("identity_unavailable", Status503ServiceUnavailable, "The identity service is unavailable; try again shortly.");
}
