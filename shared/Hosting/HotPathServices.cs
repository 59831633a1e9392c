using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Hosting;

/// <summary>
/// The framework services that every authenticated request resolves, registered so that resolving them
/// activates no constructor by reflection. Without dynamic code (the Native AOT sidecar, and every build
/// of a project that publishes AOT) the container calls a constructor through reflection each time it
/// makes a transient or scoped service. The authorization services keep no per-request state, so they
/// become singletons; the per-request handler provider and the policy scheme's handler get delegates.
/// </summary>
public static class HotPathServices
{
    private static readonly Type[] StatelessAuthorization =
    [
        typeof(IAuthorizationService),
        typeof(IAuthorizationHandlerProvider),
        typeof(IAuthorizationHandlerContextFactory),
        typeof(IAuthorizationEvaluator),
        typeof(IAuthorizationPolicyProvider),
        typeof(IAuthorizationHandler),
        typeof(IPolicyEvaluator),
    ];

    /// <summary>Call after <c>AddAuthentication</c> and <c>AddAuthorization</c>, on a hot path's host only.</summary>
    public static IServiceCollection AddHotPathAuthorization(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor is { Lifetime: ServiceLifetime.Transient, IsKeyedService: false, ImplementationType: { } implementation }
                && Array.IndexOf(StatelessAuthorization, descriptor.ServiceType) >= 0)
            {
                services[i] = ServiceDescriptor.Singleton(descriptor.ServiceType, implementation);
            }
        }

        services.Replace(ServiceDescriptor.Scoped<IAuthenticationHandlerProvider>(
            static provider => new AuthenticationHandlerProvider(provider.GetRequiredService<IAuthenticationSchemeProvider>())));
        return services.AddHandlerFactory(static provider => new PolicySchemeHandler(
            provider.GetRequiredService<IOptionsMonitor<PolicySchemeOptions>>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<UrlEncoder>()));
    }

    /// <summary>Registers <typeparamref name="THandler"/> (which <c>AddScheme</c> registers by its type) with a delegate.</summary>
    public static IServiceCollection AddHandlerFactory<THandler>(this IServiceCollection services, Func<IServiceProvider, THandler> factory)
        where THandler : class, IAuthenticationHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<THandler>();
        services.AddTransient(factory);
        return services;
    }
}
