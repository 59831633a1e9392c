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
    public static IConnectionMultiplexer Connect(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var configuration = ConfigurationOptions.Parse(options.Redis!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
        configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, 2000);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 2000);
        configuration.ClientName ??= "atotiauth";
        return ConnectionMultiplexer.Connect(configuration);
    }
}
