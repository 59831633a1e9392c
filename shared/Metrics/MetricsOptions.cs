using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Shared.Metrics;

/// <summary>The Prometheus endpoint every service serves (issue 16).</summary>
public sealed class MetricsOptions : IBoundOptions<MetricsOptions>
{
    /// <summary>Configuration section: <c>AtotiAuth:Metrics</c>.</summary>
    public const string SectionName = "AtotiAuth:Metrics";

    static void IBoundOptions<MetricsOptions>.Bind(IConfiguration section, MetricsOptions options) => section.Bind(options);

    /// <summary>Serve <c>/metrics</c>. Default true; false builds no metrics pipeline at all (unless OTLP is configured).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The local port on which <c>/metrics</c> answers; on any other port the path is not served, so the
    /// public port an Ingress reaches never shows it. Default 9464 (OpenTelemetry's Prometheus port), on
    /// which the images listen beside 8080. A host that does not listen on it serves no metrics. 0 serves
    /// them on every port: only for a host that no proxy exposes (in-process tests).
    /// </summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 9464;

    /// <summary>The path. Default <c>/metrics</c>.</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9/_.-]*$", ErrorMessage = "must be a local path such as /metrics.")]
    public string Path { get; set; } = "/metrics";
}
