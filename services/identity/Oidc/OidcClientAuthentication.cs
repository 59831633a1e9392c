namespace AtotiAuth.Identity.Oidc;

/// <summary>Client authentication at the token endpoint (OpenID Connect Core §9).</summary>
public enum OidcClientAuthentication
{
    /// <summary>HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1).</summary>
    ClientSecretBasic,

    /// <summary>Id and secret in the form body.</summary>
    ClientSecretPost,

    /// <summary>
    /// Atoti's <c>use_client_secret_as_certificate</c>: the secret is a PEM certificate, sent URL-encoded
    /// in the <c>X-Cert</c> header (as a TLS-terminating proxy forwards a client certificate).
    /// </summary>
    ClientCertificate,

    /// <summary>
    /// A JWT signed with the client's private key (<see cref="OidcProviderOptions.ClientKeyFile"/>), whose
    /// public JWK is registered at the provider (RFC 7523 §2.2, OpenID Connect Core §9 <c>private_key_jwt</c>).
    /// No secret is shared.
    /// </summary>
    PrivateKeyJwt,
}
