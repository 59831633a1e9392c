using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// Turns what a client sent and the framework could not read into a 400 (or 413) problem with the stable
/// code <c>malformed_request</c>, never a 500 (issue 22: <c>username=%00</c> answered 500). One place for
/// every endpoint of every service: the form reader's <see cref="InvalidDataException"/>, the request
/// binding's <see cref="BadHttpRequestException"/>, a body that is not the JSON it should be, bytes that
/// are not UTF-8. The exception's text never reaches the client (STYLE.md §7); it is logged at Information,
/// since the fault is the caller's (STYLE.md §13).
/// </summary>
internal sealed partial class BadRequestExceptionHandler(
    IProblemDetailsService problems,
    ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var status = StatusFor(exception);
        if (status is null || httpContext.Response.HasStarted)
        {
            return false;
        }

        var code = status == StatusCodes.Status413PayloadTooLarge ? ProblemCodes.RequestTooLarge : ProblemCodes.MalformedRequest;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var type = exception.GetType().Name;
            var reason = LogLine(exception.Message);
            LogMalformed(logger, code, type, reason);
        }

        httpContext.Response.StatusCode = status.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status413PayloadTooLarge ? "The request is too large." : "The request could not be read.",
                Detail = status == StatusCodes.Status413PayloadTooLarge
                    ? "Send a smaller body."
                    : "A form field, JSON body, header, cookie, path or query string is malformed.",
                Extensions = { ["code"] = code },
            },
        });
    }

    /// <summary>The status for an exception that means bad input, or null for anything else (our own fault: 500).</summary>
    internal static int? StatusFor(Exception exception) => exception switch
    {
        // Carries the framework's verdict: 400, 413 (body too large), 408 (body too slow), 415.
        BadHttpRequestException bad => bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest,

        // The form and multipart readers: invalid characters (a NUL), value count or length limits, broken sections.
        InvalidDataException => StatusCodes.Status400BadRequest,

        // A body that is not JSON, or JSON of the wrong shape, read by an endpoint itself.
        JsonException => StatusCodes.Status400BadRequest,

        // Bytes that are not UTF-8 where text was required.
        DecoderFallbackException => StatusCodes.Status400BadRequest,

        // The framework's request readers say what they could not read with these general types: a
        // multipart body cut short (IOException), a JSON body in an unknown charset (InvalidOperationException).
        IOException or InvalidOperationException when ThrownByRequestReader(exception) => StatusCodes.Status400BadRequest,
        _ => null,
    };

    /// <summary>
    /// True when the exception was thrown inside the framework's readers of request bodies (form,
    /// multipart and stream readers of <c>Microsoft.AspNetCore.WebUtilities</c>, the JSON body reader), not
    /// by our own code, whose <see cref="InvalidOperationException"/> is a fault of ours and stays a 500.
    /// The thrower is the stack trace's first frame, read as text (<c>at Namespace.Type.Method(…)</c>, an
    /// async method's state machine nested in its type): <see cref="Exception.TargetSite"/> needs
    /// reflection metadata that a Native AOT build does not keep (issue 19).
    /// </summary>
    internal static bool ThrownByRequestReader(Exception exception) =>
        ThrowingMethod(exception.StackTrace) is { } method
        && (method.StartsWith("Microsoft.AspNetCore.WebUtilities.", StringComparison.Ordinal)
            || method.StartsWith("Microsoft.AspNetCore.Http.HttpRequestJsonExtensions.", StringComparison.Ordinal));

    /// <summary>The first frame's method, <c>Namespace.Type.Method</c>, without the leading word (<c>at</c>) and the arguments.</summary>
    internal static string? ThrowingMethod(string? stackTrace)
    {
        if (string.IsNullOrEmpty(stackTrace))
        {
            return null;
        }

        var frame = stackTrace.AsSpan().TrimStart();
        var end = frame.IndexOfAny('\r', '\n');
        frame = end < 0 ? frame : frame[..end];
        var space = frame.IndexOf(' ');
        if (space < 0)
        {
            return null;
        }

        frame = frame[(space + 1)..];
        var arguments = frame.IndexOf('(');
        return (arguments < 0 ? frame : frame[..arguments]).Trim().ToString();
    }

    private static string LogLine(string message) => message.Replace('\r', ' ').Replace('\n', ' ');

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Malformed request refused ({Code}, {ExceptionType}): {Reason}")]
    private static partial void LogMalformed(ILogger logger, string code, string exceptionType, string reason);
}
