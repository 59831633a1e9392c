using Microsoft.AspNetCore.Http;

namespace AtotiAuth.Identity.Kerberos;

/// <summary>The token of an <c>Authorization: Negotiate</c> header (RFC 4559 §4.2).</summary>
internal static class KerberosToken
{
    public const string Scheme = "Negotiate";

    // Far above a Kerberos AP-REQ with a large PAC (Active Directory's are a few kilobytes), far below Kestrel's header limit.
    private const int MaxEncodedLength = 48 * 1024;

    /// <summary>True when the request carries <c>Authorization: Negotiate …</c> at all (well-formed or not).</summary>
    public static bool IsPresent(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.Length > Scheme.Length && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header[Scheme.Length] == ' ';
    }

    /// <summary>The decoded token; null when absent, empty, too long or not base64.</summary>
    public static byte[]? Read(HttpRequest request)
    {
        if (!IsPresent(request))
        {
            return null;
        }

        var encoded = request.Headers.Authorization.ToString().AsSpan(Scheme.Length + 1).Trim();
        if (encoded.IsEmpty || encoded.Length > MaxEncodedLength)
        {
            return null;
        }

        var token = new byte[encoded.Length * 3 / 4];
        return Convert.TryFromBase64Chars(encoded, token, out var written) && written > 0 ? token[..written] : null;
    }

    /// <summary>The <c>WWW-Authenticate</c> value carrying a token back (RFC 4559 §5), or the bare offer.</summary>
    public static string Header(ReadOnlySpan<byte> token) => token.IsEmpty ? Scheme : $"{Scheme} {Convert.ToBase64String(token)}";
}
