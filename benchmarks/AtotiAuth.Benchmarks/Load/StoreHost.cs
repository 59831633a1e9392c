using AtotiAuth.Identity;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Benchmarks.Load;

/// <summary>The stores exactly as the identity service registers them (<c>AddIdentityStores</c>: the shared ones and its own), for the harness's own writes and the store benchmarks.</summary>
internal static class StoreHost
{
    /// <summary>On <paramref name="redis"/> under <paramref name="prefix"/>; in memory when <paramref name="redis"/> is null.</summary>
    public static IHost Build(string? redis, string prefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            [$"{StoreOptions.SectionName}:Redis"] = redis,
            [$"{StoreOptions.SectionName}:AllowInMemory"] = redis is null ? "true" : null,
            [$"{StoreOptions.SectionName}:KeyPrefix"] = prefix,
        });
        builder.AddIdentityStores();
        return builder.Build();
    }
}
