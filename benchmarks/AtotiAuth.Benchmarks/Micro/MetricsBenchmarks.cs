using AtotiAuth.Ping.Metrics;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace AtotiAuth.Benchmarks.Micro;

/// <summary>
/// What the Prometheus metrics add to each sidecar request (issue 16), without the noise of a load run:
/// the sidecar's first two pipeline steps (its request counter, the scraping endpoint's port and path
/// check) before the rest of the pipeline, with the services' metrics registration on and off. On, the
/// OpenTelemetry meter provider listens, as in a running sidecar; its work at scrape time is not here.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks : IDisposable
{
    private WebApplication _host = null!;
    private RequestDelegate _pipeline = null!;
    private DefaultHttpContext _context = null!;

    [Params(false, true)]
    public bool Metrics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[$"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Enabled)}"] = Metrics ? "true" : "false";
        builder.AddAtotiAuthTelemetry();
        _host = builder.Build();

        // Resolving the provider starts its listener, which enables the counter.
        if (Metrics && _host.Services.GetService<MeterProvider>() is null)
        {
            throw new InvalidOperationException("The metrics registration made no meter provider.");
        }

        var app = new ApplicationBuilder(_host.Services);
        app.UseSidecarRequestMetrics();
        app.UseAtotiAuthMetricsEndpoint();
        app.Run(static _ => Task.CompletedTask);
        _pipeline = app.Build();
        _context = new DefaultHttpContext();
        _context.Request.Path = "/api/whoami";
        if (AtotiAuthMetrics.SidecarRequests.Enabled != Metrics)
        {
            throw new InvalidOperationException($"The sidecar's request counter is {(Metrics ? "not " : string.Empty)}listened to.");
        }
    }

    /// <summary>A proxied request's way through the metrics steps.</summary>
    [Benchmark]
    public Task ProxiedRequest() => _pipeline(_context);

    [GlobalCleanup]
    public void Dispose()
    {
        (_host as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}
