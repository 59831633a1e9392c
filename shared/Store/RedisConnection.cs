using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Store;

internal static class RedisConnection
{
    /// <summary>
    /// Connects without failing when Redis is down at start: the multiplexer keeps retrying in the
    /// background, requests fail closed meanwhile, and the service recovers by itself (DESIGN.md §5).
    /// </summary>
    public static IConnectionMultiplexer Connect(IServiceProvider services) =>
        ConnectionMultiplexer.Connect(Configure(services.GetRequiredService<IOptions<StoreOptions>>().Value, "atotiauth"));

    /// <summary>
    /// The client's settings from <see cref="StoreOptions"/>. Commands fail at once while no server is
    /// connected (<see cref="BacklogPolicy.FailFast"/>) instead of waiting out their timeout in a queue:
    /// a request that needs Redis answers 503 within milliseconds of an outage, not seconds (issue 21).
    /// The client's own channel and tie-breaker key are off: they sit outside the key prefix, so the
    /// per-service ACL users (deploy/k8s/base/redis/atotiauth.acl) are not granted them, and Sentinel or the
    /// cluster, not this client, decides which server is the primary.
    /// </summary>
    public static ConfigurationOptions Configure(StoreOptions options, string clientName)
    {
        var configuration = ConfigurationOptions.Parse(options.Redis!);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
        configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 2000);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 2000);
        configuration.ClientName ??= clientName;
        configuration.ConfigurationChannel = string.Empty;
        configuration.TieBreaker = string.Empty;
        if (!string.IsNullOrEmpty(options.User))
        {
            configuration.User = options.User;
        }

        if (!string.IsNullOrEmpty(options.Password))
        {
            configuration.Password = options.Password;
        }

        if (!string.IsNullOrWhiteSpace(options.CaCertificateFile))
        {
            configuration.TrustIssuer(options.CaCertificateFile);
        }

        return configuration;
    }
}
