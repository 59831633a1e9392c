using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Proxy;

/// <summary>
/// Believes <c>X-Forwarded-For/-Proto/-Host/-Prefix</c> from the configured proxies only
/// (<see cref="PingOptions.KnownProxies"/>, <see cref="PingOptions.KnownNetworks"/>); the framework's
/// default trust in loopback is cleared. Without proxies configured the middleware is not added, and the
/// cube hears only what the sidecar saw itself.
/// </summary>
internal sealed class TrustedProxies(IOptions<PingOptions> options) : IConfigureOptions<ForwardedHeadersOptions>
{
    public bool Any => options.Value.KnownProxies.Count > 0 || options.Value.KnownNetworks.Count > 0;

    public void Configure(ForwardedHeadersOptions forwarded)
    {
        ArgumentNullException.ThrowIfNull(forwarded);
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
            | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;
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
}
