using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Shared.Sessions;

/// <summary>The verifiers' local cache of revocation answers (<see cref="RevocationCache"/>).</summary>
public sealed class RevocationCacheOptions : IBoundOptions<RevocationCacheOptions>
{
    /// <summary>Configuration section: <c>AtotiAuth:RevocationCache</c>.</summary>
    public const string SectionName = "AtotiAuth:RevocationCache";

    static void IBoundOptions<RevocationCacheOptions>.Bind(IConfiguration section, RevocationCacheOptions options) => section.Bind(options);

    /// <summary>
    /// How long cached answers may stand in after the revocation feed is lost. While the feed is lost
    /// every check asks Redis first (a revocation made meanwhile is not heard), and a cached answer is
    /// used only when Redis cannot answer. Default 5 seconds: long enough to ride out a reconnect without
    /// failing requests, short enough that an outage is felt within seconds. After it, a check that
    /// cannot reach Redis fails closed (503). Zero stops trusting the cache the moment the feed drops.
    /// </summary>
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan FeedLossGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most session ids remembered. Default 100,000 (a few megabytes). Past it the cache drops expired
    /// answers, then unrevoked ones, then all: a dropped answer costs one Redis read, never a wrong one.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxEntries { get; set; } = 100_000;
}
