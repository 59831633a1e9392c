using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Ping;

/// <summary>Problem bodies for <see cref="PingErrors"/>: one status and one title per code.</summary>
internal static class PingProblems
{
    public static ProblemHttpResult For(HttpContext context, string code)
    {
        var (status, title) = code switch
        {
            PingErrors.MissingRole => (StatusCodes.Status403Forbidden, "A required role is missing."),
            PingErrors.OriginNotAllowed => (StatusCodes.Status403Forbidden, "This origin may not open a WebSocket here."),
            PingErrors.KeysUnavailable => (StatusCodes.Status503ServiceUnavailable, "The token service's keys are unavailable."),
            PingErrors.StoreUnavailable => (StatusCodes.Status503ServiceUnavailable, "The session store is unavailable."),
            PingErrors.CubeUnavailable => (StatusCodes.Status502BadGateway, "The cube did not answer."),
            _ => (StatusCodes.Status401Unauthorized, "Authentication required."),
        };

        if (status == StatusCodes.Status401Unauthorized)
        {
            // RFC 6750 §3: a Bearer challenge. Never Basic, which would pop a browser dialog (ATOTI-CONTRACT.md).
            context.Response.Headers.WWWAuthenticate = code == PingErrors.MissingCredentials
                ? "Bearer"
                : "Bearer error=\"invalid_token\"";
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        return TypedResults.Problem(
            statusCode: status,
            title: title,
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }
}
