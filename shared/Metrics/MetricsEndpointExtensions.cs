using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Metrics;

/// <summary>Serves the Prometheus endpoint on the metrics port only (<see cref="MetricsOptions"/>).</summary>
public static class MetricsEndpointExtensions
{
    /// <summary>Adds the scraping endpoint when <see cref="MetricsOptions.Enabled"/>; answers nothing on other ports.</summary>
    public static IApplicationBuilder UseAtotiAuthMetricsEndpoint(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var port = options.Port;
        var path = new PathString(options.Path);
        return UseEndpoint(app, context => (port == 0 || context.Connection.LocalPort == port) && context.Request.Path == path);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static IApplicationBuilder UseEndpoint(IApplicationBuilder app, Func<HttpContext, bool> predicate)
        => app.UseOpenTelemetryPrometheusScrapingEndpoint(predicate);
}
