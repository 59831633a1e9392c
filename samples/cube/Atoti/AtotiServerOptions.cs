using System.ComponentModel.DataAnnotations;

namespace AtotiAuth.Samples.Cube.Atoti;

/// <summary>
/// The stand-in Atoti server's settings (section <c>Cube:Atoti</c>), named after the Atoti properties
/// they stand for (ATOTI-CONTRACT.md).
/// </summary>
public sealed class AtotiServerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Cube:Atoti";

    /// <summary>
    /// The JWT server's RSA public key, base64 DER (X.509 SubjectPublicKeyInfo), as Atoti's
    /// <c>activeviam.jwt.key.public</c>; a PEM block is accepted too. Required: the server verifies every
    /// JWT itself and knows no JWKS.
    /// </summary>
    [Required(ErrorMessage = "is required: the JWT server's public key, base64 DER as activeviam.jwt.key.public, or PEM.")]
    public string? JwtPublicKey { get; set; }

    /// <summary>
    /// The session cookie's name. Default <c>JSESSIONID</c>, Spring's; Atoti's templates rename it per
    /// server (e.g. <c>ATOTISERVER_JSESSIONID</c>) since cookies ignore ports.
    /// </summary>
    [Required]
    public string SessionCookieName { get; set; } = "JSESSIONID";

    /// <summary>A session ends after this long without a request. Default 30 minutes, Spring's and Tomcat's.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The cookie's <c>Secure</c> attribute. Default true; off only for plain-HTTP local runs.</summary>
    public bool SecureCookie { get; set; } = true;

    /// <summary>Claim holding the user name (Atoti's <c>principal</c> claim setting). Default <c>sub</c>.</summary>
    public string PrincipalClaim { get; set; } = "sub";

    /// <summary>Claim holding the roles, a JSON array (Atoti's <c>authorities</c>). Default <c>authorities</c>.</summary>
    public string AuthoritiesClaim { get; set; } = "authorities";
}
