using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Hosting;

/// <summary>Authorization policies built from a service's validated options (the roles it requires).</summary>
public static class AuthorizationPolicyExtensions
{
    /// <summary>
    /// Adds authorization, and <paramref name="addPolicies"/> run once with the bound and validated
    /// <typeparamref name="TOptions"/> when the policies are first needed.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="addPolicies">Adds the service's policies, e.g. one that requires one of the configured roles.</param>
    public static IServiceCollection AddAuthorizationPolicies<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services,
        Action<AuthorizationOptions, TOptions> addPolicies)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(addPolicies);
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<TOptions>>((authorization, options) => addPolicies(authorization, options.Value));
        return services;
    }
}
