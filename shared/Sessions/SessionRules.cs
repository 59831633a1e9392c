namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Timeouts decided by timestamps from the injected clock, the same for every store: Redis TTLs are
/// only a safety net that removes what the timestamps already reject.
/// </summary>
internal static class SessionRules
{
    /// <summary>Room for clock differences between replicas before Redis drops a key by itself.</summary>
    private static readonly TimeSpan TtlSlack = TimeSpan.FromMinutes(1);

    /// <summary>Now, to the millisecond: what both stores can keep exactly.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
    }

    public static bool IsActive(Session session, DateTimeOffset now, SessionOptions options) =>
        now < session.ExpiresAt && now - session.LastSeenAt < options.IdleTimeout;

    /// <summary>
    /// Uses are recorded at most every twentieth of the idle timeout (90 s of 30 min), so a busy session
    /// is not a store write per request; the idle timeout is then exact to within that fraction.
    /// </summary>
    public static bool NeedsTouch(Session session, DateTimeOffset now, SessionOptions options) =>
        now - session.LastSeenAt >= options.IdleTimeout / 20;

    /// <summary>How long Redis keeps a session's record of use: the earlier of its idle and absolute end, plus slack.</summary>
    public static TimeSpan SafetyTtl(Session session, DateTimeOffset now, SessionOptions options)
    {
        var remaining = session.ExpiresAt - now;
        var idle = session.LastSeenAt + options.IdleTimeout - now;
        var ttl = remaining < idle ? remaining : idle;
        return (ttl > TimeSpan.Zero ? ttl : TimeSpan.Zero) + TtlSlack;
    }

    /// <summary>
    /// How long Redis keeps a session's hash: until its absolute end, plus slack. The hash is written
    /// once (only the identity service writes sessions); the idle timeout is kept by the last-seen key's
    /// <see cref="SafetyTtl"/> and by the timestamps.
    /// </summary>
    public static TimeSpan HashTtl(Session session, DateTimeOffset now)
    {
        var remaining = session.ExpiresAt - now;
        return (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) + TtlSlack;
    }

    /// <summary>How long Redis keeps a user's session index: as long as the newest session can live.</summary>
    public static TimeSpan IndexTtl(SessionOptions options) => options.AbsoluteTimeout + TtlSlack;

    public static void Validate(NewSession request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.UserName);
        ArgumentException.ThrowIfNullOrEmpty(request.Provider);
        ArgumentNullException.ThrowIfNull(request.Roles);
    }
}
