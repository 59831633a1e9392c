namespace AtotiAuth.Identity.Logout;

/// <summary>
/// Who may end a session through <c>/logout</c> (DESIGN.md §2, ATOTI-CONTRACT.md "Login and logout").
/// The Atoti UI navigates to <c>/logout</c> (GET) and posts to it; a foreign page must not log a user
/// out with an image tag or a hidden form. The rule, using Fetch Metadata (W3C "Fetch Metadata
/// Request Headers") and, for browsers without it, <c>Origin</c>/<c>Referer</c>:
/// <list type="bullet">
/// <item>POST: an <c>Origin</c> must be ours or a trusted UI origin, else 403. Without <c>Origin</c>,
/// <c>Sec-Fetch-Site: cross-site</c> or <c>same-site</c> is refused; a request with neither header is
/// not from a browser (scripts) and proceeds: no browser can be tricked into sending it.</item>
/// <item>GET: a <c>Sec-Fetch-Dest</c> other than <c>document</c> or <c>empty</c> (an image, script,
/// style, frame…) is refused with 403. <c>Sec-Fetch-Site: same-origin</c> or <c>none</c> (typed,
/// bookmarked) proceeds; otherwise a <c>Referer</c> (or <c>Origin</c>) from us or a trusted UI origin
/// proceeds, and anything else gets a confirmation page whose button posts the logout: nothing lost,
/// nothing forced.</item>
/// </list>
/// </summary>
internal static class LogoutDecision
{
    public static LogoutVerdict Decide(LogoutRequest request, IReadOnlyCollection<string> trustedOrigins)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trustedOrigins);
        return request.IsPost ? DecidePost(request, trustedOrigins) : DecideGet(request, trustedOrigins);
    }

    private static LogoutVerdict DecidePost(LogoutRequest request, IReadOnlyCollection<string> trusted)
    {
        if (request.Origin is not null)
        {
            return IsTrusted(request.Origin, request, trusted) ? LogoutVerdict.Proceed : LogoutVerdict.Forbid;
        }

        return request.SecFetchSite switch
        {
            null or "same-origin" or "none" => LogoutVerdict.Proceed,
            _ => LogoutVerdict.Forbid,
        };
    }

    private static LogoutVerdict DecideGet(LogoutRequest request, IReadOnlyCollection<string> trusted)
    {
        if (request.SecFetchDest is not (null or "document" or "empty"))
        {
            return LogoutVerdict.Forbid;
        }

        if (request.SecFetchSite is "same-origin" or "none")
        {
            return LogoutVerdict.Proceed;
        }

        var source = request.Origin ?? OriginOf(request.Referer);
        return source is not null && IsTrusted(source, request, trusted) ? LogoutVerdict.Proceed : LogoutVerdict.Confirm;
    }

    private static bool IsTrusted(string origin, LogoutRequest request, IReadOnlyCollection<string> trusted)
        => string.Equals(origin, request.OwnOrigin, StringComparison.OrdinalIgnoreCase)
            || trusted.Any(t => string.Equals(t, origin, StringComparison.OrdinalIgnoreCase));

    /// <summary>The origin of a <c>Referer</c> URL; null when it is not an absolute http(s) URL without user info.</summary>
    internal static string? OriginOf(string? referer)
    {
        if (referer is null
            || !Uri.TryCreate(referer, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }
}
