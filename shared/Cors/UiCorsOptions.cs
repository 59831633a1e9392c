using System.ComponentModel.DataAnnotations;
using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Shared.Cors;

/// <summary>
/// Which browser origins may call AtotiAuth with credentials (section <c>AtotiAuth:Cors</c>): the
/// remote Atoti UI's origins. Used by the token service for <c>/jwt</c> and by the ping sidecars.
/// </summary>
public sealed class UiCorsOptions : IBoundOptions<UiCorsOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Cors";

    static void IBoundOptions<UiCorsOptions>.Bind(IConfiguration section, UiCorsOptions options) => section.Bind(options);

    /// <summary>
    /// Exact origins (<c>scheme://host[:port]</c>, no path, no trailing slash, no wildcard), compared
    /// ordinally. Default empty: no cross-origin caller, which suits the embedded UI (same origin).
    /// Atoti's samples allow any origin with credentials; a credentialed wildcard would let any site
    /// read a user's token, so only a list is accepted (ATOTI-CONTRACT.md, "CORS").
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// How long a browser may cache a preflight answer. Default 10 minutes (Chromium's own cap is
    /// 2 hours, Firefox's 24 hours): short enough that removing an origin takes effect soon.
    /// </summary>
    [TimeSpanRange("00:00:00", "02:00:00")]
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
