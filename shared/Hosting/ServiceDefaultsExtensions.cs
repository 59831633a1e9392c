using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// What every AtotiAuth service has: problem details with a stable <c>code</c> (bad input answers 400,
/// never 500), health endpoints, structured logs, telemetry where a collector is configured.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of the checks that decide liveness (<c>/healthz</c>); all checks decide readiness.</summary>
    public const string LiveTag = "live";

    /// <summary>Registers the defaults.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.AddJsonConsole(static o => o.IncludeScopes = true);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails(static o => o.CustomizeProblemDetails = ProblemCodeDefaults.Apply);
        builder.Services.AddExceptionHandler<StoreUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();

        // A request parameter that does not bind (JSON of the wrong shape, a number that is not one)
        // throws in every environment, not only in Development, so that one handler answers it.
        builder.Services.Configure<RouteHandlerOptions>(static o => o.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks().AddCheck("self", static () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.AddAtotiAuthTelemetry();
        return builder;
    }

    /// <summary>
    /// Adds the error handling middleware and maps <c>/healthz</c> (the process answers) and <c>/readyz</c>
    /// (its dependencies answer too). Call first, so that errors of later middleware are handled.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = static r => r.Tags.Contains(LiveTag) })
            .AllowAnonymous()
            .DisableHttpMetrics();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK } })
            .AllowAnonymous()
            .DisableHttpMetrics();

        return app;
    }
}
