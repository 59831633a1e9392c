using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Sessions;

namespace AtotiAuth.Shared.Grants;

/// <summary>What a password grant gave: a session, or a refusal with the seconds to wait when there are any.</summary>
/// <param name="Session">The new session; null when refused.</param>
/// <param name="Refusal">Why not; null when granted.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> the refusal carries (a lock, an outage), if any.</param>
public sealed record PasswordGrantResult(Session? Session, ProblemCode? Refusal, string? RetryAfter = null)
{
    /// <summary>A granted session.</summary>
    public static PasswordGrantResult Granted(Session session) => new(session, null);

    /// <summary>A refusal.</summary>
    public static PasswordGrantResult Refused(ProblemCode refusal, string? retryAfter = null) => new(null, refusal, retryAfter);
}
