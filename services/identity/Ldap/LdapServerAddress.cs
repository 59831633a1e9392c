using System.Diagnostics.CodeAnalysis;

namespace AtotiAuth.Identity.Ldap;

/// <summary>One server of <see cref="LdapOptions.Url"/>: host, port, and whether it is LDAPS.</summary>
internal sealed record LdapServerAddress(string Host, int Port, bool Secure)
{
    public override string ToString() => $"{(Secure ? "ldaps" : "ldap")}://{Host}:{Port}";

    /// <summary>Every server of the setting, in order.</summary>
    public static IReadOnlyList<LdapServerAddress> ParseAll(string? urls)
    {
        var servers = new List<LdapServerAddress>();
        foreach (var url in Split(urls))
        {
            if (!TryParse(url, out var server))
            {
                throw new FormatException($"'{url}' is not an ldap:// or ldaps:// URL.");
            }

            servers.Add(server);
        }

        return servers;
    }

    public static IEnumerable<string> Split(string? urls)
        => (urls ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><c>ldap://host[:port][/]</c> or <c>ldaps://…</c>; no user info, no DN, no query (RFC 4516 parts we do not use).</summary>
    public static bool TryParse(string url, [NotNullWhen(true)] out LdapServerAddress? server)
    {
        server = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != "ldap" && uri.Scheme != "ldaps")
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo)
            || uri.AbsolutePath is not ("" or "/")
            || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        var secure = uri.Scheme == "ldaps";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (secure ? 636 : 389) : uri.Port;
        server = new LdapServerAddress(uri.Host, port, secure);
        return true;
    }
}
