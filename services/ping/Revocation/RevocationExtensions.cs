using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Ping.Revocation;

/// <summary>Revocations as the sidecar sees them: checked per request from the local cache, and open sockets closed on notice.</summary>
internal static class RevocationExtensions
{
    public static IHostApplicationBuilder AddSessionRevocations(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ISessionRevocations, StoreSessionRevocations>();
        builder.Services.TryAddSingleton<OpenSockets>();
        builder.Services.AddHostedService<SocketRevocationSubscription>();
        return builder;
    }
}
