using System.ComponentModel.DataAnnotations;

namespace AtotiAuth.Token;

/// <summary>The token service's settings (section <c>AtotiAuth:Token</c>).</summary>
public sealed class TokenOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Token";

    /// <summary>
    /// The JWT server's public URL, written as <c>iss</c> and used as the discovery authority, e.g.
    /// <c>https://auth.example.com</c>. Required: verifiers check it, so it must be the URL they see.
    /// </summary>
    [Required(ErrorMessage = "is required: the JWT server's public URL, e.g. https://auth.example.com.")]
    [Url(ErrorMessage = "must be an absolute URL, e.g. https://auth.example.com.")]
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> of issued tokens. Default <c>atoti</c>; every cube's verifier expects it.</summary>
    [Required]
    public string Audience { get; set; } = "atoti";
}
