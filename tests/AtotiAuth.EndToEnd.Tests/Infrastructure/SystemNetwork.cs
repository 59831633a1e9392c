using System.Security.Cryptography;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Networks;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The run's Docker network, with a subnet of its own so that the gateway can have a fixed address:
/// the identity service trusts forwarded headers from that one address only (KnownProxies).
/// </summary>
internal sealed class SystemNetwork(INetwork network, string subnetPrefix) : IAsyncDisposable
{
    public INetwork Network { get; } = network;

    public string Name => Network.Name;

    /// <summary>The gateway's fixed address on the network.</summary>
    public string GatewayAddress => subnetPrefix + ".250";

    public static async Task<SystemNetwork> CreateAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        // A /24 picked at random in 10.128.0.0/9, away from Docker's default pools; another taken one is retried.
        for (var attempt = 1; ; attempt++)
        {
            var prefix = $"10.{RandomNumberGenerator.GetInt32(128, 255)}.{RandomNumberGenerator.GetInt32(0, 256)}";
            var builder = new NetworkBuilder()
                .WithName(name)
                .WithCreateParameterModifier(parameters => parameters.IPAM = new IPAM
                {
                    Config = [new IPAMConfig { Subnet = prefix + ".0/24", Gateway = prefix + ".1" }],
                });
            foreach (var (key, value) in labels)
            {
                builder = builder.WithLabel(key, value);
            }

            var network = builder.Build();
            try
            {
                await network.CreateAsync(cancellationToken);
                return new SystemNetwork(network, prefix);
            }
            catch (Exception ex) when (attempt < 5 && ex.Message.Contains("overlap", StringComparison.OrdinalIgnoreCase))
            {
                await network.DisposeAsync();
            }
        }
    }

    public ValueTask DisposeAsync() => Network.DisposeAsync();
}
