using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Token;

/// <summary>The token service's settings (section <c>AtotiAuth:Token</c>).</summary>
public sealed class TokenOptions : IBoundOptions<TokenOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Token";

    static void IBoundOptions<TokenOptions>.Bind(IConfiguration section, TokenOptions options) => section.Bind(options);

    /// <summary>Longest token lifetime accepted: Atoti's own 12 hours (ATOTI-CONTRACT.md, "Tokens").</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// The JWT server's public URL, written as <c>iss</c> and used as the discovery authority, e.g.
    /// <c>https://auth.example.com</c>. Required: verifiers check it, so it must be the URL they see.
    /// A trailing slash is ignored.
    /// </summary>
    [Required(ErrorMessage = "is required: the JWT server's public URL, e.g. https://auth.example.com.")]
    [Url(ErrorMessage = "must be an absolute URL, e.g. https://auth.example.com.")]
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> of issued tokens. Default <c>atoti</c>; every cube's verifier expects it.</summary>
    [Required]
    public string Audience { get; set; } = "atoti";

    /// <summary>
    /// Token lifetime, and never past the session's own absolute end. Default 12 hours, Atoti's own, so
    /// that a UI left open all day keeps its live updates. Short tokens buy nothing here: every request
    /// and every socket is checked against revocation at the sidecar within milliseconds, and a socket
    /// lives only while its session does. Shorten it where tokens leave the browser (scripts, other
    /// verifiers that do not check revocation). At most 12 hours.
    /// </summary>
    [TimeSpanRange("00:01:00", "12:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Claim holding the user name. Default <c>sub</c> (Atoti's <c>principal</c> claim name is configurable too).</summary>
    [Required]
    public string PrincipalClaim { get; set; } = "sub";

    /// <summary>Claim holding the roles as a JSON array. Default <c>authorities</c>, as Atoti.</summary>
    [Required]
    public string AuthoritiesClaim { get; set; } = "authorities";

    /// <summary>
    /// Roles of which a user needs one to get a token; empty means the default <c>ROLE_USER</c>,
    /// <c>ROLE_ADMIN</c>, <c>ROLE_TECH</c>: the roles Atoti's ping accepts, so that a technical (machine)
    /// user gets a token for the cubes' REST APIs. Its WebSocket still needs <c>ROLE_USER</c> at the sidecar.
    /// </summary>
    public IList<string> RequiredRoles { get; } = [];

    /// <summary>
    /// The identity service's address as this service reaches it, e.g. <c>http://identity:8080</c>, for
    /// <c>Authorization: Basic</c> on the token paths: the password is checked there, as at its login.
    /// Unset in the standalone host, which checks it in process. Unset elsewhere, Basic credentials get
    /// <c>401 missing_credentials</c>.
    /// </summary>
    [Url(ErrorMessage = "must be an absolute URL, e.g. http://identity:8080.")]
    public string? IdentityUrl { get; set; }

    /// <summary>
    /// Answers with Atoti 5's body <c>{"status":"success","data":{"token":…}}</c> instead of 6's
    /// <c>{"token":…}</c>. Default false; only for UIs of the 5.x line.
    /// </summary>
    public bool LegacyResponseBody { get; set; }


    /// <summary>The roles that pass when <see cref="RequiredRoles"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultRequiredRoles { get; } = ["ROLE_USER", "ROLE_ADMIN", "ROLE_TECH"];

    internal IReadOnlyList<string> EffectiveRequiredRoles => RequiredRoles.Count == 0 ? DefaultRequiredRoles : [.. RequiredRoles];

    internal string NormalizedIssuer => Issuer!.TrimEnd('/');
}
