using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// The one way every service answers a refusal: an RFC 9457 problem with the code's status, title and
/// <c>code</c>, <c>Retry-After</c> on a 503, and the challenge a 401 needs. Never Basic unless asked:
/// a Basic challenge pops a browser dialog (ATOTI-CONTRACT.md).
/// </summary>
public static class Problems
{
    /// <summary>The result for <paramref name="problem"/>, with an optional detail for people.</summary>
    public static ProblemHttpResult Result(ProblemCode problem, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return TypedResults.Problem(
            statusCode: problem.Status,
            title: problem.Title,
            detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = problem.Code });
    }

    /// <summary>
    /// A 400 <paramref name="problem"/> naming the offending <paramref name="field"/> (as in the JSON body):
    /// the <c>errors</c> of a validation problem, and <c>code</c> and <c>field</c> beside them.
    /// </summary>
    public static ValidationProblem Invalid(ProblemCode problem, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Status != StatusCodes.Status400BadRequest)
        {
            throw new ArgumentException($"A validation problem is a 400; '{problem.Code}' is a {problem.Status}.", nameof(problem));
        }

        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: problem.Title,
            extensions: new Dictionary<string, object?> { ["code"] = problem.Code, ["field"] = field });
    }

    /// <summary>
    /// Writes <paramref name="problem"/> to the response, with <paramref name="challenge"/> as
    /// <c>WWW-Authenticate</c> when it is a 401 and <c>Retry-After</c> when it is a 503.
    /// </summary>
    public static Task WriteAsync(HttpContext context, ProblemCode problem, string? challenge = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        AddHeaders(context.Response, problem, challenge);
        return Result(problem, detail).ExecuteAsync(context);
    }

    /// <summary>The headers <see cref="WriteAsync"/> adds, for results returned by endpoints.</summary>
    public static void AddHeaders(HttpResponse response, ProblemCode problem, string? challenge = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Status == StatusCodes.Status401Unauthorized && challenge is not null)
        {
            response.Headers.WWWAuthenticate = challenge;
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "5";
        }

        response.Headers.CacheControl = "no-store";
    }
}
