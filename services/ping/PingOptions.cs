using System.ComponentModel.DataAnnotations;

namespace AtotiAuth.Ping;

/// <summary>The ping sidecar's settings (section <c>AtotiAuth:Ping</c>).</summary>
public sealed class PingOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Ping";

    /// <summary>The cube this sidecar fronts, e.g. <c>http://127.0.0.1:9090</c> (same pod). Required.</summary>
    [Required(ErrorMessage = "is required: the URL of the cube this sidecar fronts, e.g. http://127.0.0.1:9090.")]
    [Url(ErrorMessage = "must be an absolute URL, e.g. http://127.0.0.1:9090.")]
    public string? CubeUrl { get; set; }

    /// <summary>
    /// Name of this cube's WebSocket cookie. Cookies are per domain, not per port, so two cubes on one
    /// host need different names. Default <c>ATOTI_CUBE</c>.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_\\-]+$", ErrorMessage = "must be letters, digits, '_' or '-'.")]
    public string CookieName { get; set; } = "ATOTI_CUBE";
}
