using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AtotiAuth.Shared.Grants;

/// <summary>User name and password from an <c>Authorization: Basic</c> header (RFC 7617).</summary>
public sealed record BasicCredentials(string UserName, string Password)
{
    private const string Scheme = "Basic ";

    /// <summary>True when the request carries Basic credentials at all (well-formed or not).</summary>
    public static bool IsPresent(HttpRequest request)
        => request.Headers.Authorization.ToString().StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes the header as UTF-8 (RFC 7617 §2.1); false when absent or malformed.</summary>
    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out BasicCredentials? credentials)
    {
        credentials = null;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length > 4096)
        {
            return false;
        }

        var buffer = new byte[header.Length];
        if (!Convert.TryFromBase64String(header[Scheme.Length..].Trim(), buffer, out var written))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        credentials = new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
        return true;
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"BasicCredentials {{ UserName = {UserName} }}";
}
