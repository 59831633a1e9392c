using System.Diagnostics;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AtotiAuth.Shared.Tests.Hosting;

/// <summary>
/// Tracing exists only where a collector is named: without one, no tracer provider, so no listener makes
/// ASP.NET Core or HttpClient create an Activity per request. Metrics exist for Prometheus's
/// <c>/metrics</c> unless turned off, and then nothing records at all.
/// </summary>
public sealed class TelemetryRegistrationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task ServiceDefaults_NoOtlpEndpoint_RegistersMetricsForPrometheusOnly(string? endpoint)
    {
        await using var app = Build(endpoint);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task ServiceDefaults_NoOtlpEndpointAndMetricsOff_RegistersNoTelemetry()
    {
        await using var app = Build(endpoint: null, metrics: false);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task ServiceDefaults_OtlpEndpoint_RegistersTracingAndMetrics()
    {
        await using var app = Build($"http://127.0.0.1:{FreePort.Next()}");

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());

        // The tracer provider listens to ASP.NET Core's activity source, so requests are traced.
        using var source = new ActivitySource("Microsoft.AspNetCore");
        Assert.True(source.HasListeners());
    }

    private static WebApplication Build(string? endpoint, bool metrics = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryExtensions.EndpointKey] = endpoint,
            ["AtotiAuth:Metrics:Enabled"] = metrics ? "true" : "false",
        });
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
