using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Shared.Sessions;

/// <summary>Session cookie and timeouts, shared by the identity service (writes) and the token service (reads).</summary>
public sealed class SessionOptions : IBoundOptions<SessionOptions>
{
    /// <summary>Configuration section: <c>AtotiAuth:Session</c>.</summary>
    public const string SectionName = "AtotiAuth:Session";

    static void IBoundOptions<SessionOptions>.Bind(IConfiguration section, SessionOptions options) => section.Bind(options);

    /// <summary>
    /// Cookie name. Default <c>ATOTIAUTH_SESSION</c>. Give it the <c>__Host-</c> prefix where the JWT
    /// server owns its whole host and serves HTTPS: browsers then refuse the cookie from any subdomain.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_\\-]+$", ErrorMessage = "must be letters, digits, '_' or '-'.")]
    public string CookieName { get; set; } = "ATOTIAUTH_SESSION";

    /// <summary>
    /// Idle timeout: a session unused this long ends. Default 30 minutes, as Keycloak's SSO Session Idle;
    /// the UI's <c>/jwt</c> refreshes keep an open tab alive.
    /// </summary>
    [TimeSpanRange("00:01:00", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Absolute timeout whatever the activity. Default 10 hours, as Keycloak's SSO Session Max.</summary>
    [TimeSpanRange("00:01:00", "30.00:00:00")]
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(10);

    /// <summary>
    /// How long a checked session cookie is reused by the service that checked it (the token service's
    /// <c>/jwt</c>, the identity service's admin API) without asking the store again. Default 5 seconds;
    /// 0 turns it off. An entry is dropped the moment a revocation is published (in the revoking
    /// process before the revocation call returns), and the cache is not used at all while the
    /// revocation feed is down, so a revoked session is refused at once. The idle timeout's record of
    /// use is still written by the store reads between cache periods.
    /// </summary>
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most active sessions per principal (provider and user name): a login beyond it revokes that
    /// principal's oldest sessions, so one account cannot fill the store. Default 100.
    /// </summary>
    [Range(1, 100000)]
    public int MaxSessionsPerUser { get; set; } = 100;

    /// <summary>
    /// How long a revocation is remembered: at least the longest token lifetime, so no token of a
    /// revoked session outlives the record. Default 12 hours, Atoti's token lifetime and our ceiling.
    /// </summary>
    [TimeSpanRange("00:01:00", "30.00:00:00")]
    public TimeSpan RevocationRetention { get; set; } = TimeSpan.FromHours(12);
}
