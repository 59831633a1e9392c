using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AtotiAuth.Shared.Metrics;

/// <summary>
/// The domain instruments of every AtotiAuth service (issue 16), on one <see cref="Meter"/> named
/// <see cref="MeterName"/>. Names follow the OpenTelemetry conventions; the Prometheus exporter turns
/// them into Prometheus names (<c>atotiauth.logins</c> → <c>atotiauth_logins_total</c>, a duration in
/// seconds → <c>…_seconds</c>). Static, so that recording needs no injected service in the classes that
/// record: an instrument nobody listens to costs one branch, and a listened one a few tens of nanoseconds.
/// </summary>
public static class AtotiAuthMetrics
{
    /// <summary>The meter's name, which a metrics pipeline adds (<c>AddMeter</c>).</summary>
    public const string MeterName = "AtotiAuth";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Logins by <c>provider</c> and <c>outcome</c> (<c>success</c>, <c>invalid</c>, <c>locked</c>, <c>unavailable</c>).</summary>
    public static Counter<long> Logins { get; } = Meter.CreateCounter<long>("atotiauth.logins", "{login}", "Logins by provider and outcome.");

    /// <summary>Logins refused because the name or the client address is locked out.</summary>
    public static Counter<long> Lockouts { get; } = Meter.CreateCounter<long>("atotiauth.lockouts", "{login}", "Logins refused by a lock-out.");

    /// <summary>JWTs signed by the token service.</summary>
    public static Counter<long> TokensIssued { get; } = Meter.CreateCounter<long>("atotiauth.tokens.issued", "{token}", "JWTs issued.");

    /// <summary>Revocations recorded and published to the other services.</summary>
    public static Counter<long> RevocationsPublished { get; } = Meter.CreateCounter<long>("atotiauth.revocations.published", "{revocation}", "Revocations published.");

    /// <summary>Revocations heard and applied to this process's caches.</summary>
    public static Counter<long> RevocationsApplied { get; } = Meter.CreateCounter<long>("atotiauth.revocations.applied", "{revocation}", "Revocations applied to this process's caches.");

    /// <summary>Requests a sidecar received, by <c>kind</c> (<c>ping</c>, <c>websocket</c>, <c>logout</c>, <c>proxy</c>).</summary>
    public static Counter<long> SidecarRequests { get; } = Meter.CreateCounter<long>("atotiauth.sidecar.requests", "{request}", "Requests received by the sidecar.");

    /// <summary>Refusals answered as a problem, by stable <c>code</c> (<c>session_revoked</c>, <c>store_unavailable</c>, …).</summary>
    public static Counter<long> Refusals { get; } = Meter.CreateCounter<long>("atotiauth.refusals", "{refusal}", "Requests refused, by problem code.");

    /// <summary>WebSockets open through the sidecar.</summary>
    public static UpDownCounter<long> SocketsOpen { get; } = Meter.CreateUpDownCounter<long>("atotiauth.sidecar.websockets.open", "{socket}", "WebSockets open through the sidecar.");

    /// <summary>WebSockets the sidecar closed because their session was revoked.</summary>
    public static Counter<long> SocketsRevoked { get; } = Meter.CreateCounter<long>("atotiauth.sidecar.websockets.revoked", "{socket}", "WebSockets closed by a revocation.");

    /// <summary>LDAP calls by <c>operation</c> (<c>bind</c>, <c>search</c>) and <c>outcome</c>.</summary>
    public static Histogram<double> LdapDuration { get; } = Meter.CreateHistogram<double>("atotiauth.ldap.duration", "s", "Duration of LDAP calls.");

    /// <summary>Calls to OpenID providers by <c>operation</c> (<c>discovery</c>, <c>keys</c>, <c>token</c>, <c>userinfo</c>, <c>other</c>) and <c>outcome</c>.</summary>
    public static Histogram<double> OidcDuration { get; } = Meter.CreateHistogram<double>("atotiauth.oidc.duration", "s", "Duration of calls to OpenID providers.");

    /// <summary>Redis commands by <c>command</c>.</summary>
    public static Histogram<double> RedisDuration { get; } = Meter.CreateHistogram<double>("atotiauth.redis.duration", "s", "Duration of Redis commands.");

    private static RevocationFeedReading? _feed;
    private static ObservableGauge<int>? _connected;
    private static ObservableGauge<double>? _lag;

    /// <summary>
    /// Reports the revocation feed's state, which two gauges show: <c>atotiauth.revocation.feed.connected</c>
    /// (1 or 0) and <c>atotiauth.revocation.feed.lag</c> (seconds since the feed was last known to carry
    /// every revocation: 0 while connected). One feed per process; the last report counts.
    /// </summary>
    public static void ReportFeed(bool connected, DateTimeOffset since, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Volatile.Write(ref _feed, new RevocationFeedReading(connected, since, time));
        if (_connected is null)
        {
            lock (Meter)
            {
                _connected ??= Meter.CreateObservableGauge("atotiauth.revocation.feed.connected", ObserveConnected, "{feed}", "1 while the revocation feed is connected.");
                _lag ??= Meter.CreateObservableGauge("atotiauth.revocation.feed.lag", ObserveLag, "s", "Seconds the revocation feed has been down (0 while connected).");
            }
        }
    }

    /// <summary>Seconds elapsed since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double SecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;

    private static IEnumerable<Measurement<int>> ObserveConnected()
        => Volatile.Read(ref _feed) is { } feed ? [new Measurement<int>(feed.Connected ? 1 : 0)] : [];

    private static IEnumerable<Measurement<double>> ObserveLag()
        => Volatile.Read(ref _feed) is { } feed
            ? [new Measurement<double>(feed.Connected ? 0 : Math.Max(0, (feed.Time.GetUtcNow() - feed.Since).TotalSeconds))]
            : [];

    private sealed record RevocationFeedReading(bool Connected, DateTimeOffset Since, TimeProvider Time);
}
