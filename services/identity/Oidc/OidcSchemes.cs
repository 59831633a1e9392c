namespace AtotiAuth.Identity.Oidc;

/// <summary>One ASP.NET Core authentication scheme per provider id, and the paths named after it (DESIGN.md §3).</summary>
internal static class OidcSchemes
{
    private const string Prefix = "oidc:";

    public static string For(string providerId) => Prefix + providerId;

    public static string ProviderId(string scheme) => scheme.StartsWith(Prefix, StringComparison.Ordinal) ? scheme[Prefix.Length..] : scheme;

    /// <summary>Spring Security's start path, which Atoti uses.</summary>
    public static string StartPath(string providerId) => "/oauth2/authorization/" + providerId;

    /// <summary>Spring Security's redirect URI path (ATOTI-CONTRACT.md "OidcConfig").</summary>
    public static string CallbackPath(string providerId) => "/login/oauth2/code/" + providerId;

    public static string BackchannelLogoutPath(string providerId) => "/oauth2/backchannel-logout/" + providerId;

    /// <summary>Properties item holding the flow's start (Unix seconds), protected inside <c>state</c>.</summary>
    public const string StartedItem = "atotiauth.started";

    /// <summary>Properties item holding the nonce sent in this flow's authorization request.</summary>
    public const string NonceItem = "atotiauth.nonce";
}
