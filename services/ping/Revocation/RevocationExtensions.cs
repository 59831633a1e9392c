using AtotiAuth.Shared.Sessions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Ping.Revocation;

/// <summary>
/// Revocations as the sidecar sees them: checked on every request from the shared
/// <see cref="RevocationCache"/> (fed by the store's pub/sub; no store read per request while the feed
/// is up), and open sockets closed when the cache hears of a revocation.
/// </summary>
internal static class RevocationExtensions
{
    public static IHostApplicationBuilder AddSessionRevocations(this IHostApplicationBuilder builder)
    {
        builder.AddAtotiAuthRevocationCache();
        builder.Services.TryAddSingleton<OpenSockets>();
        builder.Services.TryAddSingleton<SocketLifetime>();
        return builder;
    }
}
