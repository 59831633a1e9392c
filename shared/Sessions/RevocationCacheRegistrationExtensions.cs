using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Shared.Sessions;

/// <summary>Registers the verifiers' revocation cache.</summary>
public static class RevocationCacheRegistrationExtensions
{
    /// <summary>
    /// Adds the store (<see cref="StoreRegistrationExtensions.AddAtotiAuthStore"/>), the options
    /// <c>AtotiAuth:RevocationCache</c>, the <see cref="RevocationCache"/> singleton and the hosted service
    /// that subscribes it to the store's revocation feed at start.
    /// </summary>
    public static IHostApplicationBuilder AddAtotiAuthRevocationCache(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddAtotiAuthStore();
        builder.Services.AddValidatedOptions<RevocationCacheOptions>(RevocationCacheOptions.SectionName);
        builder.Services.TryAddSingleton<RevocationCache>();
        builder.Services.AddHostedService<RevocationCacheSubscriber>();
        return builder;
    }
}
