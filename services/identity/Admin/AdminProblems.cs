using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Admin;

/// <summary>The admin API's refusals that say which field or name, built by <see cref="Problems"/>.</summary>
internal static class AdminProblems
{
    /// <summary>400 <c>invalid_request</c> naming the offending field (camelCase, as in the JSON body).</summary>
    public static ValidationProblem Invalid(string field, string message)
        => Problems.Invalid(IdentityProblems.InvalidRequest, field, $"'{field}' {message}");

    /// <summary>400 <c>weak_password</c>, naming the field.</summary>
    public static ValidationProblem WeakPassword(string message)
        => Problems.Invalid(IdentityProblems.WeakPassword, "password", $"'password' {message}");

    public static ProblemHttpResult UnknownProvider(string provider)
        => Problems.Result(IdentityProblems.UnknownProvider, $"'{provider}' is not a provider id (basic, ldap, kerberos or oidc:{{id}}).");

    public static ProblemHttpResult UserNotFound(string userName)
        => Problems.Result(IdentityProblems.UserNotFound, $"No basic user named '{userName}'.");
}
