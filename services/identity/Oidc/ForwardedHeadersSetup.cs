using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Trusts <c>X-Forwarded-For/-Proto/-Host</c> from the configured proxies only, so that behind a
/// TLS-terminating ingress the redirect URI says <c>https://</c> and the public host. Without proxies
/// configured the middleware is not added at all.
/// </summary>
internal sealed class ForwardedHeadersSetup(IOptions<OidcOptions> options) : IConfigureOptions<ForwardedHeadersOptions>, IStartupFilter
{
    public void Configure(ForwardedHeadersOptions forwarded)
    {
        ArgumentNullException.ThrowIfNull(forwarded);
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in options.Value.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in options.Value.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        => app =>
        {
            if (options.Value.KnownProxies.Count > 0 || options.Value.KnownNetworks.Count > 0)
            {
                app.UseForwardedHeaders();
            }

            next(app);
        };
}
