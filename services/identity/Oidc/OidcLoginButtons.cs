using AtotiAuth.Identity.Login;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Oidc;

/// <summary>One login page button per provider, in configuration order, carrying the page's <c>redirectUrl</c>.</summary>
internal sealed class OidcLoginButtons(IOptions<OidcOptions> options) : ILoginButtons
{
    public IEnumerable<LoginButton> For(string? redirectUrl)
    {
        var query = string.IsNullOrEmpty(redirectUrl) ? "" : "?redirectUrl=" + Uri.EscapeDataString(redirectUrl);
        foreach (var (id, provider) in options.Value.Providers)
        {
            var label = string.IsNullOrWhiteSpace(provider.DisplayName) ? id : provider.DisplayName;
            yield return new LoginButton("Sign in with " + label, OidcSchemes.StartPath(id) + query);
        }
    }
}
