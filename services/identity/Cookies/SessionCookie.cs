using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SessionOptions = AtotiAuth.Shared.Sessions.SessionOptions;

namespace AtotiAuth.Identity.Cookies;

/// <summary>Writes, reads and deletes the session cookie with one set of attributes.</summary>
internal sealed class SessionCookie(IOptions<SessionOptions> session, IOptions<SessionCookieOptions> cookie, SessionCookieReader reader)
{
    public string Name => session.Value.CookieName;

    /// <summary>The cookie lives as long as the session's absolute timeout; the store decides idleness.</summary>
    public void Append(HttpContext context, IssuedSession issued)
        => context.Response.Cookies.Append(Name, issued.Ticket.ToString(), Build(issued.Session.ExpiresAt));

    public void Delete(HttpContext context)
        => context.Response.Cookies.Delete(Name, Build(expires: null));

    public SessionTicket? Read(HttpContext context)
        => reader.TryRead(context.Request, out var ticket) ? ticket : null;

    private CookieOptions Build(DateTimeOffset? expires)
    {
        var settings = cookie.Value;
        return new CookieOptions
        {
            HttpOnly = true,
            Secure = settings.Secure,
            SameSite = settings.SameSite,
            Path = "/",
            Domain = string.IsNullOrEmpty(settings.Domain) ? null : settings.Domain,
            Expires = expires,
            IsEssential = true,
        };
    }
}
