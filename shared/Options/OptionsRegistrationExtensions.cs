using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Options;

/// <summary>Binds and validates an options class at start (STYLE.md §9).</summary>
public static class OptionsRegistrationExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/>, validates its data
    /// annotations with messages that name the full configuration key, and fails the host at start
    /// when a value is missing or wrong.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(
            new DataAnnotationsKeyValidator<TOptions>(sectionName)));
        return services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateOnStart();
    }
}
