using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Admin;

/// <summary>The admin API's problem answers, each with its stable code.</summary>
internal static class AdminProblems
{
    /// <summary>400 naming the offending field (camelCase, as in the JSON body).</summary>
    public static ValidationProblem Invalid(string field, string message)
        => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [$"'{field}' {message}"] },
            title: $"The field '{field}' is invalid.",
            extensions: new Dictionary<string, object?> { ["code"] = IdentityProblemCodes.InvalidRequest, ["field"] = field });

    /// <summary>400 for a password the policy refuses (<c>weak_password</c>), naming the field.</summary>
    public static ValidationProblem WeakPassword(string message)
        => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["password"] = [$"'password' {message}"] },
            title: "The password is too weak.",
            extensions: new Dictionary<string, object?> { ["code"] = IdentityProblemCodes.WeakPassword, ["field"] = "password" });

    public static ProblemHttpResult UnknownProvider(string provider)
        => NotFound(IdentityProblemCodes.UnknownProvider, $"'{provider}' is not a provider id (basic, ldap, kerberos or oidc:{{id}}).");

    public static ProblemHttpResult NotFound(string code, string title)
        => TypedResults.Problem(title: title, statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult Conflict(string code, string title)
        => TypedResults.Problem(title: title, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult UserNotFound(string userName)
        => NotFound(IdentityProblemCodes.UserNotFound, $"No basic user named '{userName}'.");
}
