using System.Runtime.CompilerServices;
using AtotiAuth.Ping.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Cookies;

/// <summary>Writes and clears this cube's cookie with the configured attributes.</summary>
internal sealed class CubeCookieWriter(CubeCookieProtector protector, IOptions<PingOptions> options, TimeProvider time)
{
    private readonly PingOptions _options = options.Value;

    /// <summary>
    /// The sealed value per validated token: the token cache hands out one <see cref="SidecarCaller"/> per
    /// token, and its cookie payload never changes, so a UI pinging with the same token costs no new
    /// encryption. Entries go when the cached caller does.
    /// </summary>
    private readonly ConditionalWeakTable<SidecarCaller, string> _sealed = [];

    public string CookieName => _options.CookieName;

    public void Append(HttpContext context, SidecarCaller caller)
    {
        var value = _sealed.GetValue(caller, c => protector.Protect(new CubeCookiePayload(_options.CubeId!, c.SessionId, c.UserName, c.ExpiresAt)));
        var cookie = Attributes();
        cookie.Expires = caller.ExpiresAt;
        var maxAge = caller.ExpiresAt - time.GetUtcNow();
        cookie.MaxAge = maxAge > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Floor(maxAge.TotalSeconds)) : TimeSpan.Zero;
        context.Response.Cookies.Append(_options.CookieName, value, cookie);
    }

    public void Delete(HttpContext context) => context.Response.Cookies.Delete(_options.CookieName, Attributes());

    private CookieOptions Attributes() => new()
    {
        HttpOnly = true,
        Secure = _options.CookieSecure,
        SameSite = _options.CookieSameSite,
        Path = "/",
        IsEssential = true,
    };
}
