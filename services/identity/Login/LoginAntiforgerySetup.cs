using AtotiAuth.Identity.Cookies;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// The login form's antiforgery cookie follows the session cookie's transport rule; its tokens are
/// protected by Data Protection, whose key ring the replicas share through Redis.
/// </summary>
internal sealed class LoginAntiforgerySetup(IOptions<SessionCookieOptions> cookie) : IConfigureOptions<AntiforgeryOptions>
{
    public void Configure(AntiforgeryOptions options)
    {
        var secure = cookie.Value.Secure;
        options.Cookie.Name = secure ? "__Host-ATOTIAUTH_ANTIFORGERY" : "ATOTIAUTH_ANTIFORGERY";
        options.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.Path = "/";
        options.FormFieldName = "__RequestVerificationToken";
    }
}
