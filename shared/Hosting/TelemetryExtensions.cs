using System.Runtime.CompilerServices;
using AtotiAuth.Shared.Metrics;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// Metrics and traces. The domain metrics (<see cref="AtotiAuthMetrics"/>) and the runtime's are served
/// for Prometheus on <c>/metrics</c> (<see cref="MetricsOptions"/>, on by default); traces, logs and the
/// ASP.NET Core and HttpClient meters are exported over OTLP only where a collector is configured.
/// With neither, nothing is registered: no listener, so no <c>Activity</c> per request, no trace header
/// on a proxied request, and the OpenTelemetry assemblies are not even loaded. Per-request HTTP meters
/// stay off the Prometheus pipeline: the sidecar counts its requests itself, for a few nanoseconds.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The standard OpenTelemetry variable naming the collector; its presence turns telemetry on.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>True when <see cref="EndpointKey"/> is set (environment variable or any other configuration source).</summary>
    public static bool IsTelemetryConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[EndpointKey]);
    }

    /// <summary>True unless <c>AtotiAuth:Metrics:Enabled</c> is false.</summary>
    public static bool IsPrometheusEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetValue($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Enabled)}", true);
    }

    /// <summary>Registers the Prometheus and OTLP pipelines, each where it is asked for.</summary>
    public static IHostApplicationBuilder AddAtotiAuthTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<MetricsOptions>(MetricsOptions.SectionName);
        var otlp = IsTelemetryConfigured(builder.Configuration);
        var prometheus = IsPrometheusEnabled(builder.Configuration);
        if (otlp || prometheus)
        {
            AddPipelines(builder.Services, otlp, prometheus);
        }

        return builder;
    }

    // Their own methods, not inlined: the OpenTelemetry types are only resolved (and their assemblies
    // loaded) when they are called, the OTLP exporter's and the instrumentations' only with a collector.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddPipelines(IServiceCollection services, bool otlp, bool prometheus)
    {
        services.AddHostedService<RedisCallMetrics>();
        var telemetry = services.AddOpenTelemetry().WithMetrics(m =>
        {
            // The runtime's own meter (GC, JIT, thread pool, exceptions), which .NET 9 and later publish themselves.
            m.AddMeter(AtotiAuthMetrics.MeterName, "System.Runtime");

            // Each stream preallocates room for its attribute sets, 2,000 by default; ours have a few dozen
            // at most. 200 takes about 4 MiB off every service's idle memory (docs/benchmarks.md).
            m.AddView(static _ => new MetricStreamConfiguration { CardinalityLimit = 200 });
            if (prometheus)
            {
                // Fresh figures on every scrape (the default keeps one answer for 300 ms).
                m.AddPrometheusExporter(static o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            }
        });

        if (otlp)
        {
            AddOtlp(telemetry);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOtlp(OpenTelemetryBuilder telemetry) =>
        telemetry.WithMetrics(static m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithTracing(static t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithLogging()
            .UseOtlpExporter();
}
