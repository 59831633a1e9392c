using AtotiAuth.Identity.Roles;

namespace AtotiAuth.Identity.Oidc;

/// <summary>One OpenID provider (<c>AtotiAuth:Identity:Oidc:Providers:{id}</c>), Atoti's <c>OidcConfig</c>.</summary>
public sealed class OidcProviderOptions
{
    /// <summary>Atoti's <c>issuer_url</c>: discovery at <c>{IssuerUrl}/.well-known/openid-configuration</c>. Required; HTTPS.</summary>
    public string? IssuerUrl { get; set; }

    /// <summary>Atoti's <c>client_id</c>. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Atoti's <c>client_secret</c>; with <see cref="OidcClientAuthentication.ClientCertificate"/> the
    /// client certificate (PEM). Required, except with <see cref="OidcClientAuthentication.PrivateKeyJwt"/>.
    /// Never logged.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// How the client authenticates at the token endpoint. Default <c>ClientSecretBasic</c> (RFC 6749
    /// §2.3.1, the method every provider must support). <c>ClientCertificate</c> is Atoti's
    /// <c>use_client_secret_as_certificate</c>.
    /// </summary>
    public OidcClientAuthentication ClientAuthentication { get; set; } = OidcClientAuthentication.ClientSecretBasic;

    /// <summary>
    /// With <see cref="OidcClientAuthentication.PrivateKeyJwt"/>: path of the client's private key, an
    /// unencrypted PEM (PKCS#8 or PKCS#1/SEC1), RSA of 2048 bits or more (signs RS256) or EC P-256 (ES256).
    /// Its public JWK, with <c>kid</c> = its RFC 7638 thumbprint, is registered at the provider. Required
    /// in that mode, unused otherwise. Default none.
    /// </summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Atoti's <c>scopes</c>; must include <c>openid</c>. Default (when empty) <c>openid email profile</c>.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>Atoti's <c>name_claim</c>: the claim used as user name (<c>sub</c>, <c>email</c>, <c>name</c>…). Default <c>sub</c>.</summary>
    public string NameClaim { get; set; } = "sub";

    /// <summary>Case conversion of the user name before roles are looked up. Default none.</summary>
    public UserNameCaseConversion UserNameCaseConversion { get; set; } = UserNameCaseConversion.None;

    /// <summary>
    /// Atoti's <c>roles_claims</c>: claims whose values are role-mapping keys, each a claim name taken
    /// literally (<c>https://example.com/roles</c>) or a dotted path into nested claims
    /// (<c>realm_access.roles</c>); see <see cref="ClaimPath"/>. Default none: no provider roles.
    /// </summary>
    public IList<string> RolesClaims { get; } = [];

    /// <summary>Atoti's <c>access_token_format</c>: <c>Jwt</c> (claims from the ID token) or <c>Opaque</c> (also from userinfo). Default <c>Jwt</c>.</summary>
    public OidcAccessTokenFormat AccessTokenFormat { get; set; } = OidcAccessTokenFormat.Jwt;

    /// <summary>Label of the login page's button. Default the provider id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// Role mapping seeded into the role store at start when the provider has none yet (provider role
    /// or user name → roles); the admin API edits it afterwards. Default none.
    /// </summary>
    public IDictionary<string, IList<string>> RoleMapping { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);

    /// <summary>Default roles seeded at start when the provider has none yet (e.g. <c>ROLE_USER</c>). Default none.</summary>
    public IList<string> DefaultRoles { get; } = [];

    /// <summary>
    /// After <c>/logout</c>, also end the session at the provider (OpenID Connect RP-Initiated Logout 1.0)
    /// when it publishes an <c>end_session_endpoint</c>. Default false: the provider's session stays.
    /// </summary>
    public bool RpInitiatedLogout { get; set; }

    internal IReadOnlyList<string> EffectiveScopes => Scopes.Count == 0 ? ["openid", "email", "profile"] : [.. Scopes];
}
