using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SessionOptions = AtotiAuth.Shared.Sessions.SessionOptions;

namespace AtotiAuth.Identity.Cookies;

/// <summary>Refuses cookie settings browsers would drop or that would leak the session (STYLE.md §10).</summary>
internal sealed class SessionCookieOptionsValidator(IOptions<SessionOptions> session) : IValidateOptions<SessionCookieOptions>
{
    /// <summary>RFC 6265bis §4.1.3.2: such a cookie must be Secure, Path=/ and have no Domain.</summary>
    public const string HostPrefix = "__Host-";

    public ValidateOptionsResult Validate(string? name, SessionCookieOptions options)
    {
        var failures = new List<string>();
        if (options.SameSite == SameSiteMode.None && !options.Secure)
        {
            failures.Add($"{Key(nameof(SessionCookieOptions.SameSite))}=None requires {Key(nameof(SessionCookieOptions.Secure))}=true: browsers drop a cross-site cookie that is not Secure.");
        }

        if (options.SameSite == SameSiteMode.Unspecified)
        {
            failures.Add($"{Key(nameof(SessionCookieOptions.SameSite))} must be Lax, Strict or None.");
        }

        if (session.Value.CookieName.StartsWith(HostPrefix, StringComparison.Ordinal))
        {
            if (!options.Secure)
            {
                failures.Add($"A '{HostPrefix}' cookie name ({SessionOptions.SectionName}:CookieName) requires {Key(nameof(SessionCookieOptions.Secure))}=true.");
            }

            if (!string.IsNullOrEmpty(options.Domain))
            {
                failures.Add($"A '{HostPrefix}' cookie name ({SessionOptions.SectionName}:CookieName) forbids {Key(nameof(SessionCookieOptions.Domain))}: leave it empty.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Key(string member)
    {
        var key = $"{SessionCookieOptions.SectionName}:{member}";
        return $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
    }
}
