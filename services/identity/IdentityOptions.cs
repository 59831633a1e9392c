using System.ComponentModel.DataAnnotations;

namespace AtotiAuth.Identity;

/// <summary>The identity service's settings (section <c>AtotiAuth:Identity</c>).</summary>
public sealed class IdentityOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity";

    /// <summary>
    /// Where a login without a usable <c>redirectUrl</c> lands: a local path or an allowed URL.
    /// Default <c>/</c>.
    /// </summary>
    [Required]
    public string DefaultLandingPath { get; set; } = "/";
}
