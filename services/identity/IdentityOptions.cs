using System.ComponentModel.DataAnnotations;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Users;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity;

/// <summary>The identity service's settings (section <c>AtotiAuth:Identity</c>).</summary>
public sealed class IdentityOptions : IBoundOptions<IdentityOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity";

    static void IBoundOptions<IdentityOptions>.Bind(IConfiguration section, IdentityOptions options) => section.Bind(options);

    /// <summary>
    /// Where a login without a usable <c>redirectUrl</c> lands: a local path or a URL on an allowed
    /// origin. Default <c>/</c>.
    /// </summary>
    [Required]
    public string DefaultLandingPath { get; set; } = "/";

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>, exact) a <c>redirectUrl</c> may point to besides local
    /// paths: the remote Atoti UIs. Default empty: only local paths, which suits the embedded UI.
    /// They are also the origins whose <c>Origin</c>/<c>Referer</c> may end a session through <c>/logout</c>.
    /// </summary>
    public IList<string> AllowedRedirectOrigins { get; } = [];

    /// <summary>
    /// <c>Form</c> (default): an HTML login page. <c>Basic</c>: <c>/login</c> answers <c>401</c> with a
    /// Basic challenge, so the browser prompts (Atoti's <c>BasicAuthenticationConfig</c>). In both modes a
    /// client sending <c>Authorization: Basic</c> gets the session cookie without a page.
    /// </summary>
    public LoginMode LoginMode { get; set; } = LoginMode.Form;

    /// <summary>Realm of the Basic challenge (Atoti's <c>BasicAuthenticationConfig(realm=…)</c>). Default <c>AtotiAuth</c>.</summary>
    [Required]
    [RegularExpression("^[^\"\\\\\\p{C}]{1,100}$", ErrorMessage = "must be 1 to 100 printable characters without quotes or backslashes.")]
    public string Realm { get; set; } = "AtotiAuth";

    /// <summary>
    /// Where <c>/logout</c> sends the browser when no allowed <c>redirectUrl</c> is given. Default empty:
    /// the login page. Must be a local path or on an allowed origin.
    /// </summary>
    public string? LogoutRedirectUrl { get; set; }

    /// <summary>Role that may use the admin API. Default <c>ROLE_ADMIN</c>, Atoti's "full access" role.</summary>
    [Required]
    public string AdminRole { get; set; } = "ROLE_ADMIN";

    /// <summary>
    /// Addresses of the proxies whose <c>X-Forwarded-For</c> the service believes: the ingress controller
    /// and the token service, which sends the address of a script calling <c>/jwt</c> with Basic
    /// credentials. The login throttling counts failures per client network, so without this every login
    /// through a proxy counts against the proxy's one address. Default none.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of such proxies, as <see cref="KnownProxies"/>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>
    /// Basic users created at start when missing (never overwritten): for demos and tests only, since
    /// the passwords sit in configuration. Production users come from the admin API or the CSV file.
    /// </summary>
    public IList<SeedUser> Users { get; } = [];
}
