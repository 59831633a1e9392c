using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Oidc;

/// <summary>Cross-field rules of <see cref="OidcOptions"/>; every failure names its key and the fix (STYLE.md §9, §10).</summary>
internal sealed partial class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckUrl(failures, options, Key(nameof(OidcOptions.PublicBaseUrl)), options.PublicBaseUrl, required: false, noPath: true);
        foreach (var (id, provider) in options.Providers)
        {
            ValidateProvider(failures, options, id, provider);
        }

        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"{Key($"{nameof(OidcOptions.KnownProxies)}:{i}")}: '{options.KnownProxies[i]}' is not an IP address.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"{Key($"{nameof(OidcOptions.KnownNetworks)}:{i}")}: '{options.KnownNetworks[i]}' is not a network in CIDR notation (10.0.0.0/8).");
            }
        }

        if (options.FlowTimeout < TimeSpan.FromMinutes(1) || options.FlowTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Key(nameof(OidcOptions.FlowTimeout))} must be between 00:01:00 and 01:00:00.");
        }

        if (options.LogoutTokenMaxAge < TimeSpan.FromSeconds(30) || options.LogoutTokenMaxAge > TimeSpan.FromHours(1))
        {
            failures.Add($"{Key(nameof(OidcOptions.LogoutTokenMaxAge))} must be between 00:00:30 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateProvider(List<string> failures, OidcOptions options, string id, OidcProviderOptions provider)
    {
        var prefix = $"{nameof(OidcOptions.Providers)}:{id}";
        if (!ProviderIdPattern().IsMatch(id))
        {
            failures.Add($"{Key(prefix)}: the provider id must be 1 to 64 letters, digits, '-' or '_' (it is part of the redirect URI).");
        }

        CheckUrl(failures, options, Key($"{prefix}:{nameof(OidcProviderOptions.IssuerUrl)}"), provider.IssuerUrl, required: true, noPath: false);
        if (string.IsNullOrWhiteSpace(provider.ClientId))
        {
            failures.Add($"{Key($"{prefix}:{nameof(OidcProviderOptions.ClientId)}")} is required: the client id registered at the provider.");
        }

        if (provider.ClientAuthentication == OidcClientAuthentication.PrivateKeyJwt)
        {
            var keyFile = Key($"{prefix}:{nameof(OidcProviderOptions.ClientKeyFile)}");
            if (OidcClientKey.Check(provider.ClientKeyFile) is { } problem)
            {
                failures.Add($"{keyFile}: {problem} ClientAuthentication=PrivateKeyJwt signs the token request with it; its public JWK is registered at the provider.");
            }
        }
        else if (string.IsNullOrWhiteSpace(provider.ClientSecret))
        {
            failures.Add($"{Key($"{prefix}:{nameof(OidcProviderOptions.ClientSecret)}")} is required: the client secret (or certificate) registered at the provider.");
        }

        if (!Enum.IsDefined(provider.ClientAuthentication))
        {
            failures.Add($"{Key($"{prefix}:{nameof(OidcProviderOptions.ClientAuthentication)}")} must be ClientSecretBasic, ClientSecretPost, ClientCertificate or PrivateKeyJwt.");
        }

        if (provider.Scopes.Count > 0 && !provider.Scopes.Contains("openid", StringComparer.Ordinal))
        {
            failures.Add($"{Key($"{prefix}:{nameof(OidcProviderOptions.Scopes)}")} must include 'openid' (OpenID Connect Core §3.1.2.1).");
        }

        if (provider.Scopes.Any(static s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{Key($"{prefix}:{nameof(OidcProviderOptions.Scopes)}")}: each scope is one word without spaces.");
        }

        if (string.IsNullOrWhiteSpace(provider.NameClaim))
        {
            failures.Add($"{Key($"{prefix}:{nameof(OidcProviderOptions.NameClaim)}")} must name a claim (sub, email, name…).");
        }

        if (provider.RolesClaims.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Key($"{prefix}:{nameof(OidcProviderOptions.RolesClaims)}")}: entries must be claim names or dotted paths, not empty.");
        }
    }

    private static void CheckUrl(List<string> failures, OidcOptions options, string key, string? value, bool required, bool noPath)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{key} is required: an absolute https:// URL.");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            failures.Add($"{key}: '{value}' must be an absolute https:// URL without query, fragment or credentials.");
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !options.AllowInsecureHttp)
        {
            failures.Add($"{key}: '{value}' is plain HTTP, so tokens and codes could be read or altered on the way. Use https://, or set {Key(nameof(OidcOptions.AllowInsecureHttp))}=true for development only.");
        }

        if (noPath && uri.AbsolutePath != "/")
        {
            failures.Add($"{key}: '{value}' must be an origin (scheme, host, port) without a path.");
        }
    }

    private static string Key(string member)
    {
        var key = $"{OidcOptions.SectionName}:{member}";
        return $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)})";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ProviderIdPattern();
}
