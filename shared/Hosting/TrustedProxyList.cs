using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// The proxies (an ingress controller, the token service) whose forwarded headers a service believes,
/// given as addresses and CIDR networks in its settings. The framework's default trust in loopback is
/// cleared: only what is listed counts.
/// </summary>
public static class TrustedProxyList
{
    /// <summary>Trusts <paramref name="headers"/> from <paramref name="proxies"/> and <paramref name="networks"/> only.</summary>
    /// <param name="forwarded">The forwarded-headers options to set.</param>
    /// <param name="headers">The headers believed.</param>
    /// <param name="proxies">Proxy addresses, already validated.</param>
    /// <param name="networks">Proxy networks in CIDR form, already validated.</param>
    public static void Apply(ForwardedHeadersOptions forwarded, ForwardedHeaders headers, IEnumerable<string> proxies, IEnumerable<string> networks)
    {
        ArgumentNullException.ThrowIfNull(forwarded);
        ArgumentNullException.ThrowIfNull(proxies);
        ArgumentNullException.ThrowIfNull(networks);
        forwarded.ForwardedHeaders = headers;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in networks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    /// <summary>Adds a failure naming the key of each entry that is no address or no CIDR network.</summary>
    /// <param name="section">The settings section, e.g. <c>AtotiAuth:Ping</c>.</param>
    /// <param name="proxies">The <c>KnownProxies</c> entries.</param>
    /// <param name="networks">The <c>KnownNetworks</c> entries.</param>
    /// <param name="failures">Where failures are added.</param>
    public static void Validate(string section, IList<string> proxies, IList<string> networks, ICollection<string> failures)
    {
        ArgumentNullException.ThrowIfNull(proxies);
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(failures);
        for (var i = 0; i < proxies.Count; i++)
        {
            if (!IPAddress.TryParse(proxies[i], out _))
            {
                failures.Add($"{section}:KnownProxies:{i} ('{proxies[i]}') is not an IP address, e.g. 10.0.0.12.");
            }
        }

        for (var i = 0; i < networks.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(networks[i], out _))
            {
                failures.Add($"{section}:KnownNetworks:{i} ('{networks[i]}') is not a network in CIDR form, e.g. 10.0.0.0/8.");
            }
        }
    }
}
