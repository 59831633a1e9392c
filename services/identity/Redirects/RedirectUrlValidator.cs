namespace AtotiAuth.Identity.Redirects;

/// <summary>
/// Decides whether a <c>redirectUrl</c> is safe (DESIGN.md §2, STYLE.md §14): a local path checked
/// character by character, or a URL whose origin is exactly one of
/// <see cref="IdentityOptions.AllowedRedirectOrigins"/>. <see cref="Uri"/> parsing is never the only
/// check, because browsers and <see cref="Uri"/> disagree on inputs such as <c>/\evil</c> or
/// <c>https:evil</c> (Duende BFF <c>LocalUrlReturnUrlValidator</c>; OWASP unvalidated redirects).
/// </summary>
internal sealed class RedirectUrlValidator
{
    private const int MaxLength = 2048;
    private const int MaxDecodingRounds = 3;
    private readonly string[] _origins;

    public RedirectUrlValidator(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _origins = [.. options.AllowedRedirectOrigins.Select(static o => o.ToLowerInvariant())];
    }

    public RedirectCheck Check(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return RedirectCheck.Absent;
        }

        return value.Length <= MaxLength && (IsSafeLocalPath(value) || IsOnAllowedOrigin(value))
            ? new RedirectCheck(true, value, true)
            : RedirectCheck.Refused;
    }

    /// <summary>
    /// A path on this host: starts with exactly one <c>/</c>, printable ASCII only, no backslash, and
    /// the same still holds after percent-decoding (so <c>/%2F%2Fevil</c>, <c>/%5Cevil</c> and
    /// <c>/%0d%0a</c> are refused even though a browser would not decode them in a path today).
    /// </summary>
    internal static bool IsSafeLocalPath(string value)
    {
        if (!HasOnlySafeCharacters(value) || !HasSafeStart(value))
        {
            return false;
        }

        var current = value;
        for (var round = 0; round < MaxDecodingRounds; round++)
        {
            var decoded = Uri.UnescapeDataString(current);
            if (string.Equals(decoded, current, StringComparison.Ordinal))
            {
                return true;
            }

            // Decoded text may hold spaces or letters beyond ASCII; never a control character or a backslash.
            if (!HasSafeStart(decoded) || decoded.Any(static c => char.IsControl(c) || c == '\\'))
            {
                return false;
            }

            current = decoded;
        }

        // Still changing after several rounds: deliberately layered encoding, refuse.
        return false;
    }

    /// <summary>Exactly one leading <c>/</c>: <c>//host</c> and <c>/\host</c> are protocol-relative URLs to a browser.</summary>
    private static bool HasSafeStart(string value)
        => value.Length > 0 && value[0] == '/' && (value.Length == 1 || (value[1] != '/' && value[1] != '\\'));

    /// <summary>
    /// A URL on an allowed origin: the raw text must begin with the origin (scheme and host compared
    /// case-insensitively, as browsers do) followed by the end, <c>/</c>, <c>?</c> or <c>#</c>. That
    /// refuses user info (<c>https://ok@evil</c>), look-alikes (<c>https://ok.example.com.evil</c>) and
    /// other ports; the parse afterwards only confirms the host a browser would see.
    /// </summary>
    private bool IsOnAllowedOrigin(string value)
    {
        if (!HasOnlySafeCharacters(value))
        {
            return false;
        }

        foreach (var origin in _origins)
        {
            if (!value.StartsWith(origin, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (value.Length > origin.Length && value[origin.Length] is not ('/' or '?' or '#'))
            {
                continue;
            }

            if (Uri.TryCreate(value, UriKind.Absolute, out var uri)
                && string.IsNullOrEmpty(uri.UserInfo)
                && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Printable ASCII without backslash: no control characters, tabs, newlines or spaces anywhere.</summary>
    private static bool HasOnlySafeCharacters(string value)
    {
        foreach (var c in value)
        {
            if (c <= ' ' || c >= '\u007f' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An origin as browsers serialise it (RFC 6454 §6.1), so a case-insensitive prefix test is exact.</summary>
    internal static bool IsOrigin(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.EndsWith('/') || value.Contains('*', StringComparison.Ordinal) || !HasOnlySafeCharacters(value))
        {
            return false;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.UserInfo)
            && string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.OrdinalIgnoreCase);
    }
}
