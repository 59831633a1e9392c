using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity.Audit;

/// <summary>The audit trail's retention (section <c>AtotiAuth:Identity:Audit</c>).</summary>
public sealed class AuditOptions : IBoundOptions<AuditOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Audit";

    static void IBoundOptions<AuditOptions>.Bind(IConfiguration section, AuditOptions options) => section.Bind(options);

    /// <summary>
    /// The most events the Redis stream keeps (trimmed approximately, by whole blocks, as Redis does it
    /// cheaply). Default 100,000: at about 200 bytes each, some 20 MB. The JSON log keeps everything.
    /// </summary>
    [Range(100, 100_000_000)]
    public int MaxEvents { get; set; } = 100_000;

    /// <summary>How long an event stays in the stream at most. Default 90 days.</summary>
    [TimeSpanRange("00:01:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}
