using Microsoft.AspNetCore.Authentication;

namespace AtotiAuth.Shared.Sessions;

/// <summary>Options of a session cookie scheme: <see cref="SessionCookieHandler"/>, and the identity service's own.</summary>
public sealed class SessionCookieSchemeOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// Challenge with a 302 to <c>/login?redirectUrl=…</c> (browser pages of the identity service)
    /// instead of the contract's bare 401 problem (XHR endpoints such as <c>/jwt</c>). Default false.
    /// </summary>
    public bool RedirectToLogin { get; set; }
}
