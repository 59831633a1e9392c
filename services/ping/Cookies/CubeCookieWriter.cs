using System.Runtime.CompilerServices;
using AtotiAuth.Shared.Jwt;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AtotiAuth.Ping.Cookies;

/// <summary>Writes and clears this cube's cookie with the configured attributes.</summary>
internal sealed class CubeCookieWriter(CubeCookieProtector protector, IOptions<PingOptions> options, TimeProvider time)
{
    private readonly PingOptions _options = options.Value;

    /// <summary>
    /// The cookie per validated token: the token cache hands out one <see cref="AtotiAuthCaller"/> per
    /// token, and its cookie payload never changes, so a UI pinging with the same token costs no new
    /// encryption, and within one second of <c>Max-Age</c> not even a new <c>Set-Cookie</c> line.
    /// Entries go when the cached caller does.
    /// </summary>
    private readonly ConditionalWeakTable<AtotiAuthCaller, SealedCookie> _sealed = [];

    public string CookieName => _options.CookieName;

    public void Append(HttpContext context, AtotiAuthCaller caller)
    {
        var cookie = _sealed.GetValue(caller, Seal);
        var left = caller.ExpiresAt - time.GetUtcNow();
        var maxAge = left > TimeSpan.Zero ? (long)Math.Floor(left.TotalSeconds) : 0;

        // One line per Max-Age value: the attributes are the options', the value and Expires the token's.
        var line = cookie.Line;
        if (line is null || line.MaxAge != maxAge)
        {
            var attributes = Attributes();
            attributes.Expires = caller.ExpiresAt;
            attributes.MaxAge = TimeSpan.FromSeconds(maxAge);
            var header = attributes.CreateCookieHeader(_options.CookieName, cookie.Value);
            line = new HeaderLine(maxAge, header.ToString());
            cookie.Line = line;
        }

        context.Response.Headers.Append(HeaderNames.SetCookie, line.Text);
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

    // The value escaped as the framework's cookie writer does (the sealed form is URL-safe base64, so
    // this changes nothing today; it keeps the header the same if the encoding ever changes).
    private SealedCookie Seal(AtotiAuthCaller caller) =>
        new(Uri.EscapeDataString(protector.Protect(new CubeCookiePayload(_options.CubeId!, caller.SessionId, caller.UserName, caller.ExpiresAt))));

    private sealed class SealedCookie(string value)
    {
        public string Value { get; } = value;

        /// <summary>The last line written; replaced whole, so a reader sees an old line or a new one.</summary>
        public HeaderLine? Line { get; set; }
    }

    private sealed record HeaderLine(long MaxAge, string Text);
}
