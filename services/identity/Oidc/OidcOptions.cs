using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity.Oidc;

/// <summary>OpenID Connect providers, several at once (section <c>AtotiAuth:Identity:Oidc</c>, docs/oidc.md).</summary>
public sealed class OidcOptions : IBoundOptions<OidcOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:Oidc";

    static void IBoundOptions<OidcOptions>.Bind(IConfiguration section, OidcOptions options) => section.Bind(options);

    /// <summary>
    /// The providers by <c>provider_id</c> (Atoti's <c>OidcConfig</c>): the id names the redirect URI
    /// <c>{PublicBaseUrl}/login/oauth2/code/{id}</c>, the start path <c>/oauth2/authorization/{id}</c> and
    /// the session's provider, whose role mapping and default roles apply. Default none.
    /// </summary>
    public IDictionary<string, OidcProviderOptions> Providers { get; } = new Dictionary<string, OidcProviderOptions>(StringComparer.Ordinal);

    /// <summary>
    /// The identity service's public URL as browsers see it (<c>https://auth.example.com</c>), used for the
    /// redirect URIs. Default empty: taken from the request, which behind a TLS-terminating ingress is
    /// only right with <see cref="KnownProxies"/> or <see cref="KnownNetworks"/> set.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For/-Proto/-Host</c> are trusted. Default none:
    /// forwarded headers are ignored, since anyone could send them.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks (CIDR, <c>10.0.0.0/8</c>) of trusted reverse proxies. Default none.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>
    /// Development only: allows plain-HTTP issuers and public base URL and non-Secure flow cookies.
    /// Default false; the service refuses to start with an <c>http://</c> issuer otherwise (STYLE.md §10).
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>How long a started login may take at the provider before the callback is refused (<c>login_flow_expired</c>). Default 10 minutes.</summary>
    public TimeSpan FlowTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How old (by <c>iat</c>) a back-channel logout token may be. Default 5 minutes; also how long its
    /// <c>jti</c> is remembered to refuse replays.
    /// </summary>
    public TimeSpan LogoutTokenMaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
