using Microsoft.AspNetCore.Authentication;

namespace AtotiAuth.Identity.Authentication;

/// <summary>Options of <see cref="SessionCookieAuthenticationHandler"/>.</summary>
internal sealed class SessionCookieAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Challenge with a 302 to <c>/login?redirectUrl=…</c> instead of a bare 401.</summary>
    public bool RedirectToLogin { get; set; }
}
