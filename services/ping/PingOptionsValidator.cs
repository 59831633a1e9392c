using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping;

/// <summary>The cross-field rules of <see cref="PingOptions"/> (STYLE.md §9, §10).</summary>
internal sealed class PingOptionsValidator : IValidateOptions<PingOptions>
{
    private const string Section = PingOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PingOptions options)
    {
        var failures = new List<string>();
        if (options.CookieSameSite == SameSiteMode.None && !options.CookieSecure)
        {
            failures.Add($"{Section}:CookieSameSite=None needs {Section}:CookieSecure=true: browsers drop SameSite=None " +
                "cookies that are not Secure. Serve the sidecar over HTTPS, or use Strict/Lax for a plain-HTTP local run.");
        }

        if (options.CookieSameSite == SameSiteMode.Unspecified)
        {
            failures.Add($"{Section}:CookieSameSite must be Strict, Lax or None: leaving it to the browser's default differs between browsers.");
        }

        if (Uri.TryCreate(options.CubeUrl, UriKind.Absolute, out var cube) && cube.Scheme != Uri.UriSchemeHttp && cube.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{Section}:CubeUrl must be an http or https URL, e.g. http://127.0.0.1:9090.");
        }

        var headers = new[] { options.UserHeader, options.RolesHeader, options.SessionHeader };
        if (headers.Distinct(StringComparer.OrdinalIgnoreCase).Count() != headers.Length)
        {
            failures.Add($"{Section}:UserHeader, RolesHeader and SessionHeader must be three different header names.");
        }

        for (var i = 0; i < options.RequiredRoles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.RequiredRoles[i]))
            {
                failures.Add($"{Section}:RequiredRoles:{i} is empty: list role names such as ROLE_USER.");
            }
        }

        for (var i = 0; i < options.SocketRoles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.SocketRoles[i]))
            {
                failures.Add($"{Section}:SocketRoles:{i} is empty: list role names such as ROLE_USER.");
            }
        }

        for (var i = 0; i < options.PublicPaths.Count; i++)
        {
            if (!options.PublicPaths[i].StartsWith('/') || options.PublicPaths[i].Contains('{', StringComparison.Ordinal))
            {
                failures.Add($"{Section}:PublicPaths:{i} must be a literal path starting with '/', e.g. /versions/rest.");
            }
        }

        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{Section}:KnownProxies:{i} ('{options.KnownProxies[i]}') is not an IP address, e.g. 10.0.0.12.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"{Section}:KnownNetworks:{i} ('{options.KnownNetworks[i]}') is not a network in CIDR form, e.g. 10.0.0.0/8.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
