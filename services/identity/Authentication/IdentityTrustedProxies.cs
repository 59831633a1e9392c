using AtotiAuth.Shared.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Authentication;

/// <summary>
/// Believes <c>X-Forwarded-For</c> from <see cref="IdentityOptions.KnownProxies"/> and
/// <see cref="IdentityOptions.KnownNetworks"/> only, so that the login throttling counts the client's
/// network rather than the ingress's. Without proxies configured the middleware is not added.
/// </summary>
internal sealed class IdentityTrustedProxies(IOptions<IdentityOptions> options) : IConfigureOptions<ForwardedHeadersOptions>
{
    public bool Any => options.Value.KnownProxies.Count > 0 || options.Value.KnownNetworks.Count > 0;

    public void Configure(ForwardedHeadersOptions forwarded) =>
        TrustedProxyList.Apply(forwarded, ForwardedHeaders.XForwardedFor, options.Value.KnownProxies, options.Value.KnownNetworks);
}
