using AtotiAuth.Shared.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Shared.Sessions;

/// <summary>Registers the session cookie reader and its cache.</summary>
public static class SessionCacheRegistrationExtensions
{
    /// <summary>
    /// Adds the revocation cache (<see cref="RevocationCacheRegistrationExtensions.AddAtotiAuthRevocationCache"/>,
    /// whose one subscription also feeds the session cache), <see cref="SessionCache"/> and
    /// <see cref="SessionCookieReader"/>. Safe to call more than once.
    /// </summary>
    public static IHostApplicationBuilder AddAtotiAuthSessionCookieReader(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddAtotiAuthRevocationCache();
        builder.Services.TryAddSingleton<SessionCache>();
        builder.Services.TryAddSingleton<SessionCookieReader>();
        builder.Services.AddStoreAccess(StoreAccess.ReadSessions | StoreAccess.RecordSessionUse);
        return builder;
    }
}
