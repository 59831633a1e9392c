using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Http;

namespace AtotiAuth.Shared.Metrics;

/// <summary>
/// The problem details service, counting every problem it writes by its stable code
/// (<see cref="AtotiAuthMetrics.Refusals"/>): endpoints' <c>TypedResults.Problem</c>, the
/// authentication handlers' challenges (<see cref="Problems.WriteAsync"/>), the exception handlers and
/// the framework's status code pages all come through here, so one place counts every refusal of every
/// service. Writers are tried in registration order, as the framework's own service does.
/// </summary>
internal sealed class MeteredProblemDetailsService(IEnumerable<IProblemDetailsWriter> writers) : IProblemDetailsService
{
    private readonly IProblemDetailsWriter[] _writers = [.. writers];

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        if (!await TryWriteAsync(context))
        {
            throw new InvalidOperationException("No problem details writer could write the problem.");
        }
    }

    public async ValueTask<bool> TryWriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProblemCodeDefaults.Apply(context);
        if (context.ProblemDetails.Extensions.TryGetValue("code", out var code) && code is string text)
        {
            AtotiAuthMetrics.Refusals.Add(1, new KeyValuePair<string, object?>("code", text));
        }

        foreach (var writer in _writers)
        {
            if (writer.CanWrite(context))
            {
                await writer.WriteAsync(context);
                return true;
            }
        }

        return false;
    }
}
