using System.ComponentModel.DataAnnotations;

namespace AtotiAuth.Samples.Gateway;

/// <summary>The sample gateway's own settings (section <c>Gateway</c>); its routes are YARP's (<c>ReverseProxy</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The folder of the sample remote UI (samples/remote-ui), served under <c>/app/</c>.</summary>
    [Required]
    public string? UiRoot { get; set; }

    /// <summary>The cubes the UI talks to, by name: each one's public URL (its sidecar's).</summary>
    public IDictionary<string, string> Cubes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
