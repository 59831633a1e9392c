using AtotiAuth.Shared.Store;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// Turns a store outage into a 503 problem with the stable code <c>store_unavailable</c> and a
/// <c>Retry-After</c>, never a 500: the request was fine, a dependency was not (DESIGN.md §5).
/// </summary>
internal sealed partial class StoreUnavailableExceptionHandler(
    IProblemDetailsService problems,
    ILogger<StoreUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StoreUnavailableException unavailable)
        {
            return false;
        }

        LogStoreUnavailable(logger, unavailable.InnerException?.GetType().Name ?? "none", unavailable.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The session store is unavailable.",
                Detail = "Try again shortly. No request was let through unchecked.",
                Extensions = { ["code"] = ProblemCodes.StoreUnavailable },
            },
        });
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Store unavailable ({InnerType}): {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string innerType, string reason);
}
