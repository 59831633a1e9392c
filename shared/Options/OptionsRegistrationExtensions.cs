using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Options;

/// <summary>Binds and validates an options class at start (STYLE.md §9).</summary>
public static class OptionsRegistrationExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> with the class's own
    /// generated binding (<see cref="IBoundOptions{TSelf}"/>, so that it binds under Native AOT too),
    /// validates its data annotations with messages that name the full configuration key, fails the host
    /// at start when a value is missing or wrong, and lists it in <see cref="OptionsReport"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="sectionName">The configuration section, e.g. <c>AtotiAuth:Ping</c>.</param>
    /// <param name="name">The options' name (an authentication scheme's), or null for the unnamed options.</param>
    public static OptionsBuilder<TOptions> AddValidatedOptions<[DynamicallyAccessedMembers(OptionsDescription.Members)] TOptions>(
        this IServiceCollection services, string sectionName, string? name = null)
        where TOptions : class, IBoundOptions<TOptions>, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(sectionName);
        name ??= Microsoft.Extensions.Options.Options.DefaultName;
        if (services.Any(d => d.ServiceType == typeof(ValidatedOptions) && !d.IsKeyedService && d.ImplementationInstance is ValidatedOptions<TOptions> known && known.Name == name))
        {
            // Registered already (two modules of one host need it): binding twice would fill its lists twice.
            return new OptionsBuilder<TOptions>(services, name);
        }

        // What OptionsBuilder.BindConfiguration does, with the binding the class wrote for itself.
        var builder = services.AddOptions<TOptions>(name)
            .Configure<IConfiguration>((options, configuration) => TOptions.Bind(configuration.GetSection(sectionName), options));
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(sp =>
            new ConfigurationChangeTokenSource<TOptions>(name, sp.GetRequiredService<IConfiguration>()));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, DataAnnotationsKeyValidator<TOptions>>(
            _ => new DataAnnotationsKeyValidator<TOptions>(sectionName)));
        services.AddSingleton<ValidatedOptions>(new ValidatedOptions<TOptions>(sectionName, name));
        return builder.ValidateOnStart();
    }

    /// <summary>
    /// <see cref="AddValidatedOptions{TOptions}(IServiceCollection, string, string?)"/>, and the class's
    /// cross-field rules in <typeparamref name="TValidator"/> (STYLE.md §9), run at start with the data annotations.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="sectionName">The configuration section, e.g. <c>AtotiAuth:Ping</c>.</param>
    public static OptionsBuilder<TOptions> AddValidatedOptions<
        [DynamicallyAccessedMembers(OptionsDescription.Members)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        this IServiceCollection services, string sectionName)
        where TOptions : class, IBoundOptions<TOptions>, new()
        where TValidator : class, IValidateOptions<TOptions>
    {
        var builder = services.AddValidatedOptions<TOptions>(sectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return builder;
    }
}
