using Microsoft.AspNetCore.Http;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// Gives every problem body a stable <c>code</c> (STYLE.md §8), including those the framework writes on its
/// own: the status code pages for a 404 of an unknown path, a 405, a 415, or a 400 of a request parameter
/// that did not bind. A code set by the endpoint is kept.
/// </summary>
internal static class ProblemCodeDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (status is < 400 or >= 500)
        {
            return;
        }

        problem.Extensions["code"] = status switch
        {
            StatusCodes.Status400BadRequest => ProblemCodes.MalformedRequest,
            StatusCodes.Status401Unauthorized => ProblemCodes.Unauthorized,
            StatusCodes.Status403Forbidden => ProblemCodes.Forbidden,
            StatusCodes.Status404NotFound => ProblemCodes.NotFound,
            StatusCodes.Status405MethodNotAllowed => ProblemCodes.MethodNotAllowed,
            StatusCodes.Status413PayloadTooLarge => ProblemCodes.RequestTooLarge,
            StatusCodes.Status415UnsupportedMediaType => ProblemCodes.UnsupportedMediaType,
            _ => ProblemCodes.HttpStatusPrefix + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
