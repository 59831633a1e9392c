using System.Text;
using AtotiAuth.Shared.Jwt;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Proxy;

/// <summary>
/// The headers the cube may believe, and only the sidecar writes (DESIGN.md §2): forwarding headers
/// (<c>Forwarded</c>, <c>X-Forwarded-*</c>, <c>X-Original-*</c>, <c>X-Real-IP</c>) and identity headers
/// (the configured ones and the reserved <c>X-AtotiAuth-</c> prefix). Whatever a client sends under
/// such a name is removed, in every spelling a server might fold together: any case, and <c>_</c> for
/// <c>-</c> (some servers, CGI among them, read <c>X_AtotiAuth_User</c> as <c>X-AtotiAuth-User</c>).
/// </summary>
internal sealed class CubeHeaders(IOptions<PingOptions> options)
{
    /// <summary>Every header with this prefix is the sidecar's to write, never a client's.</summary>
    public const string ReservedPrefix = "X-AtotiAuth-";

    private static readonly string[] ForwardingPrefixes = ["x-forwarded-", "x-original-"];
    private static readonly string[] ForwardingNames = ["forwarded", "x-real-ip"];

    private readonly PingOptions _options = options.Value;

    public bool IsSidecars(string name)
    {
        // Every such name starts with x or f, and most headers do not: one test settles them.
        if (name.Length == 0 || ((name[0] | 0x20) != 'x' && (name[0] | 0x20) != 'f' && !IsConfigured(name)))
        {
            return false;
        }

        if (StartsWithFolded(name, ReservedPrefix)
            || EqualsFolded(name, _options.UserHeader)
            || EqualsFolded(name, _options.RolesHeader)
            || EqualsFolded(name, _options.SessionHeader))
        {
            return true;
        }

        foreach (var prefix in ForwardingPrefixes)
        {
            if (StartsWithFolded(name, prefix))
            {
                return true;
            }
        }

        foreach (var forwarding in ForwardingNames)
        {
            if (EqualsFolded(name, forwarding))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A configured identity header that starts with neither x nor f (the defaults all start with x).</summary>
    private bool IsConfigured(string name) =>
        EqualsFolded(name, _options.UserHeader) || EqualsFolded(name, _options.RolesHeader) || EqualsFolded(name, _options.SessionHeader);

    /// <summary>Removes every header that is the sidecar's to write; returns how many.</summary>
    public int StripFrom(IHeaderDictionary headers)
    {
        // The pairs, not Keys: the server's Keys builds a new set of every name on each request.
        List<string>? found = null;
        foreach (var (name, _) in headers)
        {
            if (IsSidecars(name))
            {
                (found ??= []).Add(name);
            }
        }

        foreach (var name in found ?? [])
        {
            headers.Remove(name);
        }

        return found?.Count ?? 0;
    }

    /// <summary>Tells the cube where the request came from, as the sidecar itself knows it (after a trusted proxy's word, if any).</summary>
    public static void AddForwarding(HttpContext context, HttpRequestMessage request)
    {
        var headers = request.Headers;
        if (context.Connection.RemoteIpAddress is { } client)
        {
            headers.TryAddWithoutValidation("X-Forwarded-For", (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString());
        }

        headers.TryAddWithoutValidation("X-Forwarded-Proto", context.Request.Scheme);
        if (context.Request.Host.HasValue)
        {
            headers.TryAddWithoutValidation("X-Forwarded-Host", context.Request.Host.Value);
        }

        if (context.Request.PathBase.HasValue)
        {
            headers.TryAddWithoutValidation("X-Forwarded-Prefix", context.Request.PathBase.Value);
        }
    }

    /// <summary>The caller, for a cube that trusts the sidecar (<see cref="CubeBackend.Headers"/>).</summary>
    public void AddIdentity(HttpRequestMessage request, AtotiAuthCaller caller)
    {
        request.Headers.TryAddWithoutValidation(_options.UserHeader, Encode(caller.UserName));
        request.Headers.TryAddWithoutValidation(_options.RolesHeader, JoinRoles(caller.Roles));
        request.Headers.TryAddWithoutValidation(_options.SessionHeader, Encode(caller.SessionId));
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

    /// <summary>Header names are ASCII, case-insensitive (RFC 9110 §5.1); <c>_</c> and <c>-</c> count as one.</summary>
    internal static bool EqualsFolded(string name, string expected) =>
        name.Length == expected.Length && StartsWithFolded(name, expected);

    internal static bool StartsWithFolded(string name, string prefix)
    {
        if (name.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (Fold(name[i]) != Fold(prefix[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static char Fold(char c) => c switch
    {
        '_' => '-',
        >= 'A' and <= 'Z' => (char)(c + ('a' - 'A')),
        _ => c,
    };

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
}
