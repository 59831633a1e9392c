using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AtotiAuth.Identity.Login;

/// <summary>
/// The login form's defence against login CSRF (a foreign page logging the victim into the attacker's
/// account), as OWASP's CSRF Prevention Cheat Sheet describes it: a signed double-submit cookie plus
/// Fetch Metadata. <c>GET /login</c> puts a random nonce in a cookie (<c>__Host-</c>, HttpOnly,
/// SameSite=Strict on HTTPS) and <c>{day}.{HMAC-SHA256(key of the day, nonce)}</c> in a hidden field;
/// a form post must bring both, matching (constant-time compare), and must not be announced by the
/// browser as cross-site. Nothing is stored per form.
/// </summary>
internal sealed partial class LoginFormProtection(LoginFormKeys keys, ILogger<LoginFormProtection> logger)
{
    /// <summary>The hidden field's name (ASP.NET's conventional one, which form tools know).</summary>
    public const string FieldName = "__RequestVerificationToken";

    /// <summary>
    /// Over plain HTTP (a local run) browsers refuse a <c>__Host-</c> cookie, which must be Secure; the
    /// prefix is what stops a sibling subdomain from planting a nonce of its own (RFC 6265bis §4.1.3.2).
    /// </summary>
    public const string HttpsCookieName = "__Host-ATOTIAUTH_LOGIN_FORM";

    public const string HttpCookieName = "ATOTIAUTH_LOGIN_FORM";

    private const int NonceBytes = 16;
    private static readonly int NonceLength = Base64Url.GetEncodedLength(NonceBytes);
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("AtotiAuth login form v1\n");

    /// <summary>The hidden field's value for this browser; sets the nonce cookie when it has none yet.</summary>
    public async ValueTask<string> IssueAsync(HttpContext context)
    {
        var nonce = ReadNonce(context.Request);
        if (nonce is null)
        {
            nonce = NewNonce();
            context.Response.Cookies.Append(CookieName(context.Request), nonce, new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                IsEssential = true,
            });
        }

        var period = keys.CurrentPeriod;
        var key = await keys.GetAsync(period, fresh: false, context.RequestAborted);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{period}.{Base64Url.EncodeToString(Mac(key, nonce))}");
    }

    /// <summary>Checks a posted form: where the browser says it came from, then its token against the cookie.</summary>
    public async ValueTask<LoginFormVerdict> CheckAsync(HttpContext context, string? token)
    {
        var request = context.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        if (IsCrossSite(site, origin, $"{request.Scheme}://{request.Host}"))
        {
            LogCrossSite(logger, site, origin);
            return LoginFormVerdict.CrossSite;
        }

        var nonce = ReadNonce(request);
        if (nonce is null || !TryParse(token, out var period, out var mac) || !keys.IsAccepted(period))
        {
            return LoginFormVerdict.TokenRefused;
        }

        var key = await keys.GetAsync(period, fresh: false, context.RequestAborted);
        if (Matches(key, nonce, mac))
        {
            return LoginFormVerdict.Valid;
        }

        // The cached key may be stale (the store lost it and another replica made a new one): ask once more.
        var stored = await keys.GetAsync(period, fresh: true, context.RequestAborted);
        return !stored.AsSpan().SequenceEqual(key) && Matches(stored, nonce, mac)
            ? LoginFormVerdict.Valid
            : LoginFormVerdict.TokenRefused;
    }

    /// <summary>
    /// Fetch Metadata first (W3C; every current browser sends it): only <c>same-origin</c> and <c>none</c>
    /// pass, so a sibling subdomain (<c>same-site</c>) cannot post either. Without it, an <c>Origin</c>
    /// other than ours is refused. With neither, the caller is not a browser the form's cookie could
    /// be abused in, and the token decides.
    /// </summary>
    internal static bool IsCrossSite(string secFetchSite, string origin, string ownOrigin)
    {
        if (secFetchSite.Length > 0)
        {
            return secFetchSite is not ("same-origin" or "none");
        }

        return origin.Length > 0 && !string.Equals(origin, ownOrigin, StringComparison.OrdinalIgnoreCase);
    }

    private static string CookieName(HttpRequest request) => request.IsHttps ? HttpsCookieName : HttpCookieName;

    private static string? ReadNonce(HttpRequest request)
    {
        var nonce = request.Cookies[CookieName(request)];
        return nonce is not null && nonce.Length == NonceLength && Base64Url.IsValid(nonce) ? nonce : null;
    }

    private static bool TryParse(string? token, out long period, out byte[] mac)
    {
        period = 0;
        mac = [];
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0 || token.Length > 128
            || !long.TryParse(token.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out period)
            || !Base64Url.IsValid(token.AsSpan(dot + 1)))
        {
            return false;
        }

        mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        return mac.Length == HMACSHA256.HashSizeInBytes;
    }

    private static bool Matches(byte[] key, string nonce, byte[] mac) => CryptographicOperations.FixedTimeEquals(Mac(key, nonce), mac);

    private static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(NonceBytes));

    private static byte[] Mac(byte[] key, string nonce)
    {
        var message = new byte[Purpose.Length + nonce.Length];
        Purpose.CopyTo(message, 0);
        Encoding.ASCII.GetBytes(nonce, 0, nonce.Length, message, Purpose.Length);
        return HMACSHA256.HashData(key, message);
    }

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "Login form refused (cross_site_login): Sec-Fetch-Site {SecFetchSite}, Origin {Origin}")]
    private static partial void LogCrossSite(ILogger logger, LogText secFetchSite, LogText origin);
}
