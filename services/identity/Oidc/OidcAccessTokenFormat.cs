namespace AtotiAuth.Identity.Oidc;

/// <summary>Atoti's <c>access_token_format</c>.</summary>
public enum OidcAccessTokenFormat
{
    /// <summary>Claims are read from the ID token.</summary>
    Jwt,

    /// <summary>The access token cannot be read: claims are also fetched from the userinfo endpoint.</summary>
    Opaque,
}
