using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Ping;

/// <summary>The ping sidecar's settings (section <c>AtotiAuth:Ping</c>).</summary>
public sealed class PingOptions : IBoundOptions<PingOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Ping";

    static void IBoundOptions<PingOptions>.Bind(IConfiguration section, PingOptions options) => section.Bind(options);

    /// <summary>The roles used when <see cref="RequiredRoles"/> is left empty: Atoti's gate (ATOTI-CONTRACT.md, "Ping").</summary>
    public static IReadOnlyList<string> DefaultRequiredRoles { get; } = ["ROLE_USER", "ROLE_TECH"];

    /// <summary>The roles used when <see cref="SocketRoles"/> is left empty: Atoti's WebSocket needs <c>ROLE_USER</c>; admins pass too.</summary>
    public static IReadOnlyList<string> DefaultSocketRoles { get; } = ["ROLE_USER", "ROLE_ADMIN"];

    /// <summary>The cube this sidecar fronts, e.g. <c>http://127.0.0.1:9090</c> (same pod). Required.</summary>
    [Required(ErrorMessage = "is required: the URL of the cube this sidecar fronts, e.g. http://127.0.0.1:9090.")]
    [Url(ErrorMessage = "must be an absolute URL, e.g. http://127.0.0.1:9090.")]
    public string? CubeUrl { get; set; }

    /// <summary>
    /// What runs behind the sidecar. <c>Atoti</c> (default): a real Atoti server, which authenticates
    /// REST by the JWT and its WebSocket by its own session cookie. The sidecar then forwards ping (once
    /// it has checked the JWT), so that the server sets its own cookie, and passes that cookie through;
    /// it adds no identity header. <c>Headers</c>: a .NET cube that trusts the identity headers the
    /// sidecar writes (<see cref="UserHeader"/>, <see cref="RolesHeader"/>, <see cref="SessionHeader"/>);
    /// the sidecar answers ping itself.
    /// </summary>
    public CubeBackend Backend { get; set; } = CubeBackend.Atoti;

    /// <summary>
    /// Where an Atoti server answers ping, for the sidecar's own short path <c>/ping</c> in <c>Atoti</c>
    /// mode (Atoti's versioned paths are forwarded as they are). Default <c>/activeviam/pivot/rest/v10/ping</c> (Atoti 6.1.19+, 6.2).
    /// </summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9_./\\-]*$", ErrorMessage = "must be a path starting with '/'.")]
    public string AtotiPingPath { get; set; } = "/activeviam/pivot/rest/v10/ping";

    /// <summary>
    /// Paths forwarded with no credential (<c>GET</c> and <c>HEAD</c> only), compared exactly. Default
    /// <c>/versions/rest</c>, which Atoti serves to everyone so that a UI can find its REST and WebSocket paths.
    /// </summary>
    public IList<string> PublicPaths { get; } = [];

    /// <summary>
    /// Addresses of the proxies (an ingress controller) whose <c>X-Forwarded-For/-Proto/-Host/-Prefix</c>
    /// the sidecar believes. Default none: the sidecar then tells the cube only what it saw itself, and
    /// every such header a client sent is dropped.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of such proxies, as <see cref="KnownProxies"/>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>
    /// This cube's identity, sealed inside its cookie (the Data Protection purpose), so that a cookie
    /// written for one cube is refused by every other, even where they share the key ring. Replicas of
    /// one cube share it; two cubes never do. Required: no default can tell two cubes apart.
    /// </summary>
    [Required(ErrorMessage = "is required: a name unique to this cube (shared by its replicas), e.g. 'risk'.")]
    [RegularExpression("^[A-Za-z0-9_.\\-]{1,64}$", ErrorMessage = "must be 1 to 64 letters, digits, '_', '.' or '-'.")]
    public string? CubeId { get; set; }

    /// <summary>
    /// Name of this cube's WebSocket cookie. Cookies are per domain, not per port, so two cubes on one
    /// host need different names. Default <c>ATOTI_CUBE</c>.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_\\-]+$", ErrorMessage = "must be letters, digits, '_' or '-'.")]
    public string CookieName { get; set; } = "ATOTI_CUBE";

    /// <summary>
    /// Marks the cookie <c>Secure</c>. Default true; turn off only for plain-HTTP local runs (browsers
    /// drop Secure cookies sent over HTTP). Must stay on with <see cref="CookieSameSite"/> <c>None</c>.
    /// </summary>
    public bool CookieSecure { get; set; } = true;

    /// <summary>
    /// The cookie's SameSite. Default <c>Strict</c>: enough where the UI and the cubes share a site (the
    /// embedded UI on one registrable domain, Atoti's recommended set-up), and the strictest. A remote UI
    /// on another site needs <c>None</c> (with Secure), as Atoti's cross-site template has.
    /// </summary>
    public SameSiteMode CookieSameSite { get; set; } = SameSiteMode.Strict;

    /// <summary>
    /// Roles of which a caller needs at least one, for ping and for the proxied requests. Default
    /// <c>ROLE_USER</c>, <c>ROLE_TECH</c> (Atoti's ping). Compared ordinally.
    /// </summary>
    public IList<string> RequiredRoles { get; } = [];

    /// <summary>
    /// Roles of which a caller needs at least one to open a WebSocket. Default <c>ROLE_USER</c>,
    /// <c>ROLE_ADMIN</c>: Atoti's WebSocket needs <c>ROLE_USER</c>, so a technical (<c>ROLE_TECH</c>-only)
    /// user may call REST but not stream.
    /// </summary>
    public IList<string> SocketRoles { get; } = [];

    /// <summary>Header carrying the caller's user name to the cube. Default <c>X-AtotiAuth-User</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9\\-]+$", ErrorMessage = "must be a header name: letters, digits or '-'.")]
    public string UserHeader { get; set; } = "X-AtotiAuth-User";

    /// <summary>Header carrying the caller's roles (comma-separated) to the cube. Default <c>X-AtotiAuth-Roles</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9\\-]+$", ErrorMessage = "must be a header name: letters, digits or '-'.")]
    public string RolesHeader { get; set; } = "X-AtotiAuth-Roles";

    /// <summary>Header carrying the caller's session id to the cube. Default <c>X-AtotiAuth-Session</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9\\-]+$", ErrorMessage = "must be a header name: letters, digits or '-'.")]
    public string SessionHeader { get; set; } = "X-AtotiAuth-Session";

    /// <summary>
    /// Most sessions whose roles are kept in memory for cookie-authenticated WebSocket handshakes (each a
    /// few hundred bytes). Default 10 000; a miss costs one store read. Tokens are cached by
    /// <c>AtotiAuth:Jwt:TokenCacheSize</c>.
    /// </summary>
    [Range(100, 1_000_000)]
    public int SessionCacheSize { get; set; } = 10_000;

    /// <summary>
    /// How often an open WebSocket's session is looked up once the cookie it opened with has expired: a
    /// session that ended without a revocation (its idle or absolute timeout) closes its sockets within
    /// this time. Default 1 minute; a revocation closes them at once anyway.
    /// </summary>
    [TimeSpanRange("00:00:05", "01:00:00")]
    public TimeSpan SocketSessionCheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Longest time a proxied request may stay without activity (for WebSockets: without a message either
    /// way) before the sidecar ends it. Default 10 minutes, above Atoti UI's WebSocket keep-alive.
    /// </summary>
    [TimeSpanRange("00:00:05", "1.00:00:00")]
    public TimeSpan ProxyActivityTimeout { get; set; } = TimeSpan.FromMinutes(10);

    internal IReadOnlyList<string> EffectiveRequiredRoles => RequiredRoles.Count == 0 ? DefaultRequiredRoles : [.. RequiredRoles];

    internal IReadOnlyList<string> EffectiveSocketRoles => SocketRoles.Count == 0 ? DefaultSocketRoles : [.. SocketRoles];

    internal IReadOnlyList<string> EffectivePublicPaths => PublicPaths.Count == 0 ? ["/versions/rest"] : [.. PublicPaths];
}
