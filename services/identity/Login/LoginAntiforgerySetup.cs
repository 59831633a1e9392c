using AtotiAuth.Identity.Cookies;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// The login form's antiforgery cookie: Secure whenever the request is HTTPS (SameAsRequest, since
/// <c>Always</c> makes antiforgery throw on a plain-HTTP local run, e.g. the standalone host), SameSite
/// Strict. Its tokens are Data Protection payloads, whose key ring the replicas share through Redis.
/// It carries no credential: the session cookie's own rules are in <see cref="SessionCookieOptions"/>.
/// </summary>
internal sealed class LoginAntiforgerySetup : IConfigureOptions<AntiforgeryOptions>
{
    public void Configure(AntiforgeryOptions options)
    {
        options.Cookie.Name = "ATOTIAUTH_ANTIFORGERY";
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.Path = "/";
        options.FormFieldName = "__RequestVerificationToken";
    }
}
