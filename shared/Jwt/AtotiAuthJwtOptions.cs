using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// How a verifier (a ping sidecar, a .NET cube) checks AtotiAuth tokens (section <c>AtotiAuth:Jwt</c>).
/// Every default is the strict one; the only relaxation, a plain-HTTP authority, must be asked for.
/// </summary>
public sealed class AtotiAuthJwtOptions : AuthenticationSchemeOptions, IBoundOptions<AtotiAuthJwtOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Jwt";

    /// <summary>
    /// Key by key, as ASP.NET Core's own <c>JwtBearerConfigureOptions</c> binds JwtBearer's options: a
    /// whole-object <c>section.Bind(options)</c> would make the binding generator report (as errors)
    /// that it cannot bind <see cref="AuthenticationSchemeOptions.TimeProvider"/>, an abstract framework
    /// type set by code. Each call below is generated for its concrete type; the options tests check
    /// that every property binds (issue 19).
    /// </summary>
    static void IBoundOptions<AtotiAuthJwtOptions>.Bind(IConfiguration section, AtotiAuthJwtOptions options)
    {
        options.Authority = section.GetValue(nameof(Authority), options.Authority);
        options.Audience = section.GetValue(nameof(Audience), options.Audience)!;
        section.GetSection(nameof(ValidAlgorithms)).Bind(options.ValidAlgorithms);
        options.ClockSkew = section.GetValue(nameof(ClockSkew), options.ClockSkew);
        options.AllowHttpAuthority = section.GetValue(nameof(AllowHttpAuthority), options.AllowHttpAuthority);
        options.PrincipalClaim = section.GetValue(nameof(PrincipalClaim), options.PrincipalClaim)!;
        options.AuthoritiesClaim = section.GetValue(nameof(AuthoritiesClaim), options.AuthoritiesClaim)!;
        options.KeyRefreshInterval = section.GetValue(nameof(KeyRefreshInterval), options.KeyRefreshInterval);
        options.UnknownKeyRefreshInterval = section.GetValue(nameof(UnknownKeyRefreshInterval), options.UnknownKeyRefreshInterval);
        options.TokenCacheSize = section.GetValue(nameof(TokenCacheSize), options.TokenCacheSize);
        options.BackchannelTimeout = section.GetValue(nameof(BackchannelTimeout), options.BackchannelTimeout);
        options.CheckRevocation = section.GetValue(nameof(CheckRevocation), options.CheckRevocation);


        // The scheme's own settings, which the reflection binder bound from the same section.
        options.ClaimsIssuer = section.GetValue(nameof(ClaimsIssuer), options.ClaimsIssuer);
        options.ForwardDefault = section.GetValue(nameof(ForwardDefault), options.ForwardDefault);
        options.ForwardAuthenticate = section.GetValue(nameof(ForwardAuthenticate), options.ForwardAuthenticate);
        options.ForwardChallenge = section.GetValue(nameof(ForwardChallenge), options.ForwardChallenge);
        options.ForwardForbid = section.GetValue(nameof(ForwardForbid), options.ForwardForbid);
        options.ForwardSignIn = section.GetValue(nameof(ForwardSignIn), options.ForwardSignIn);
        options.ForwardSignOut = section.GetValue(nameof(ForwardSignOut), options.ForwardSignOut);
    }

    /// <summary>
    /// The token service's URL, exactly its <c>AtotiAuth:Token:Issuer</c>; the discovery document is
    /// read from <c>{Authority}/.well-known/openid-configuration</c> and <c>iss</c> must equal it. Required.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The expected <c>aud</c>. Default <c>atoti</c>, the token service's default.</summary>
    [Required]
    public string Audience { get; set; } = "atoti";

    /// <summary>
    /// Accepted signing algorithms. Default RS512 (Atoti's), RS256, PS256, ES256: the asymmetric ones
    /// the token service can be set to. HMAC and <c>none</c> are refused here: a verifier gets its keys
    /// from the public JWKS, so an HMAC token could only be checked against a public key (key confusion).
    /// </summary>
    public IList<string> ValidAlgorithms { get; } = [];

    /// <summary>
    /// Tolerated clock difference for <c>exp</c> and <c>nbf</c>. Default 30 seconds: tokens live
    /// minutes, so the framework's 5-minute default would add a third to their life.
    /// </summary>
    [TimeSpanRange("00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Allows an <c>http://</c> authority. Default false: keys fetched in clear can be swapped by
    /// anyone on the path. Only for development and tests.
    /// </summary>
    public bool AllowHttpAuthority { get; set; }

    /// <summary>Claim holding the user name. Default <c>sub</c> (Atoti's <c>principal</c> setting).</summary>
    [Required]
    public string PrincipalClaim { get; set; } = "sub";

    /// <summary>Claim holding the roles, a JSON array. Default <c>authorities</c>, as Atoti.</summary>
    [Required]
    public string AuthoritiesClaim { get; set; } = "authorities";

    /// <summary>
    /// How often the discovery document and JWKS are re-read (in the background: requests go on with
    /// the keys they have). Default 5 minutes, the JWKS max-age the token service sends. Keep it below the
    /// token service's <c>Signing:PublishLead</c> (default 10 minutes), so that every verifier knows a
    /// new key before it signs; an unknown <c>kid</c> is fetched at once anyway (<see cref="UnknownKeyRefreshInterval"/>).
    /// </summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Least time between two early re-reads caused by an unknown <c>kid</c>. Default 30 seconds, so a
    /// flood of forged <c>kid</c>s costs the token service at most one request per half minute per verifier.
    /// </summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most verified tokens kept in memory (each a few hundred bytes). Default 10 000: one per active user
    /// and tab for a large deployment; a full cache only costs a signature check per new token.
    /// </summary>
    [Range(100, 1_000_000)]
    public int TokenCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Longest wait for the authority's discovery document or JWKS. Default 10 seconds; a request that
    /// needs keys being fetched waits at most 5 of them and is then refused with 503 if none are known.
    /// </summary>
    [TimeSpanRange("00:00:01", "00:01:00")]
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Rejects tokens whose session (<c>sid</c>) was revoked, through the store's
    /// <see cref="Sessions.RevocationCache"/> where the host added it (<c>AddAtotiAuthRevocationCache</c>,
    /// no Redis read per request), else the <see cref="Sessions.IRevocationStore"/> (<c>AddAtotiAuthStore</c>). Default true: a logout must be felt by every cube at once (DESIGN.md §2).
    /// </summary>
    public bool CheckRevocation { get; set; } = true;

    /// <summary>The algorithms used when <see cref="ValidAlgorithms"/> is left empty.</summary>
    public static IReadOnlyList<string> DefaultAlgorithms { get; } = ["RS512", "RS256", "PS256", "ES256"];

    /// <summary>The algorithms a verifier may be set to accept.</summary>
    public static IReadOnlyList<string> AsymmetricAlgorithms { get; } =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>The verifier built for this scheme at start (<see cref="AtotiAuthJwtPostConfigure"/>).</summary>
    internal AtotiAuthTokenVerifier? Verifier { get; set; }

    internal IReadOnlyList<string> EffectiveAlgorithms => ValidAlgorithms.Count == 0 ? DefaultAlgorithms : [.. ValidAlgorithms];
}
