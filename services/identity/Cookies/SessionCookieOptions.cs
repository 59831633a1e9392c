using AtotiAuth.Shared.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity.Cookies;

/// <summary>
/// How the session cookie is written (section <c>AtotiAuth:Identity:Cookie</c>); its name and lifetime
/// come from the shared <c>AtotiAuth:Session</c> settings, which the token service reads too.
/// </summary>
public sealed class SessionCookieOptions : IBoundOptions<SessionCookieOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Cookie";

    static void IBoundOptions<SessionCookieOptions>.Bind(IConfiguration section, SessionCookieOptions options) => section.Bind(options);

    /// <summary>
    /// Marks the cookie <c>Secure</c>. Default true. Turn off only for a plain-HTTP local run: the
    /// cookie then travels in clear. Refused with <c>SameSite=None</c> or a <c>__Host-</c> name.
    /// </summary>
    public bool Secure { get; set; } = true;

    /// <summary>
    /// <c>Lax</c> (default): sent on top-level navigations and same-site requests, enough for the
    /// embedded UI and a remote UI on the same site. <c>None</c>: a remote UI on another site (requires
    /// <see cref="Secure"/>, and browsers that still allow third-party cookies). <c>Strict</c>: never
    /// cross-site, which breaks the return from an OIDC provider.
    /// </summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>
    /// Cookie domain. Default empty: host-only, the safest. Not allowed with a <c>__Host-</c> cookie name.
    /// </summary>
    public string? Domain { get; set; }
}
