using System.Text;
using AtotiAuth.Ping.Authentication;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Proxy;

/// <summary>
/// The headers that tell the cube who is calling. The cube trusts them (it is reachable only through
/// this sidecar), so whatever a client sends under these names, or under the reserved
/// <c>X-AtotiAuth-</c> prefix, is removed before anything else happens.
/// </summary>
internal sealed class IdentityHeaders(IOptions<PingOptions> options)
{
    /// <summary>Every header with this prefix is the sidecar's to write, never a client's.</summary>
    public const string ReservedPrefix = "X-AtotiAuth-";

    private readonly PingOptions _options = options.Value;

    public bool IsReserved(string name) =>
        name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, _options.UserHeader, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, _options.RolesHeader, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, _options.SessionHeader, StringComparison.OrdinalIgnoreCase);

    /// <summary>Removes every reserved header; returns how many.</summary>
    public int StripFrom(IHeaderDictionary headers)
    {
        // The pairs, not Keys: the server's Keys builds a new set of every name on each request.
        List<string>? reserved = null;
        foreach (var (name, _) in headers)
        {
            if (IsReserved(name))
            {
                (reserved ??= []).Add(name);
            }
        }

        foreach (var name in reserved ?? [])
        {
            headers.Remove(name);
        }

        return reserved?.Count ?? 0;
    }

    public void AddTo(HttpRequestMessage request, SidecarCaller caller)
    {
        request.Headers.TryAddWithoutValidation(_options.UserHeader, Encode(caller.UserName));
        request.Headers.TryAddWithoutValidation(_options.RolesHeader, JoinRoles(caller.Roles));
        request.Headers.TryAddWithoutValidation(_options.SessionHeader, Encode(caller.SessionId));
    }

    private static string JoinRoles(IReadOnlyList<string> roles)
    {
        if (roles.Count == 1)
        {
            return Encode(roles[0]);
        }

        var encoded = new string[roles.Count];
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i] = Encode(roles[i]);
        }

        return string.Join(',', encoded);
    }

    /// <summary>
    /// Printable ASCII is sent as is; anything else (non-ASCII names, control characters, the separator)
    /// percent-encoded as UTF-8, so no user-supplied value can split or fold a header (RFC 9110 §5.5).
    /// </summary>
    internal static string Encode(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E || c == ',' || c == '%')
            {
                return Uri.EscapeDataString(value);
            }
        }

        return value;
    }

    /// <summary>The <c>Cookie</c> header without <paramref name="cookieName"/>: the cube has no use for the sidecar's credential.</summary>
    internal static string? WithoutCookie(string? header, string cookieName)
    {
        if (string.IsNullOrEmpty(header) || !header.Contains(cookieName, StringComparison.Ordinal))
        {
            return header;
        }

        var kept = new StringBuilder(header.Length);
        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            if (!string.Equals(name, cookieName, StringComparison.Ordinal))
            {
                kept.Append(kept.Length == 0 ? string.Empty : "; ").Append(part);
            }
        }

        return kept.Length == 0 ? null : kept.ToString();
    }
}
