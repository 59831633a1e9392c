using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// Traces and metrics (ASP.NET Core, HttpClient, runtime) exported over OTLP, only where a collector is
/// configured. Without one nothing is registered: no <see cref="TracerProvider"/> listens, so no
/// <c>Activity</c> is created per request and no trace header is written on a proxied request, and
/// the OpenTelemetry assemblies are not even loaded. A pipeline that records everything and exports
/// nothing costs CPU on every request for nothing.
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

    /// <summary>Registers the OTLP pipeline when <see cref="IsTelemetryConfigured"/>; otherwise nothing.</summary>
    public static IHostApplicationBuilder AddAtotiAuthTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsTelemetryConfigured(builder.Configuration))
        {
            AddOtlpPipeline(builder.Services);
        }

        return builder;
    }

    // Its own method, not inlined: the OpenTelemetry types are only resolved (and their assemblies
    // loaded) when it is called.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOtlpPipeline(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .WithMetrics(static m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation())
            .WithTracing(static t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .UseOtlpExporter();
}
