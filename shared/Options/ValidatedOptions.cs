using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Options;

/// <summary>
/// One options class registered by <see cref="OptionsRegistrationExtensions.AddValidatedOptions{TOptions}"/>:
/// its section, its name and how to describe it as bound (<see cref="OptionsReport"/>).
/// </summary>
public abstract class ValidatedOptions
{
    private protected ValidatedOptions(string sectionName, string name, Type optionsType)
    {
        SectionName = sectionName;
        Name = name;
        OptionsType = optionsType;
    }

    /// <summary>The configuration section, e.g. <c>AtotiAuth:Ping</c>.</summary>
    public string SectionName { get; }

    /// <summary>The options' name (<see cref="Microsoft.Extensions.Options.Options.DefaultName"/> for the unnamed options).</summary>
    public string Name { get; }

    /// <summary>The options class.</summary>
    public Type OptionsType { get; }

    /// <summary>
    /// The options as configuration and code set them (every <see cref="IConfigureOptions{TOptions}"/>,
    /// before post-configuration and validation), one configuration key and described value each.
    /// </summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Describe(IServiceProvider services);

    /// <summary>The validation failures of the options as the host would build them, or none.</summary>
    public abstract IReadOnlyList<string> Validate(IServiceProvider services);
}

internal sealed class ValidatedOptions<[DynamicallyAccessedMembers(OptionsDescription.Members)] TOptions>(string sectionName, string name)
    : ValidatedOptions(sectionName, name, typeof(TOptions))
    where TOptions : class, new()
{
    public override IReadOnlyList<KeyValuePair<string, string>> Describe(IServiceProvider services)
    {
        var factory = new OptionsFactory<TOptions>(services.GetServices<IConfigureOptions<TOptions>>(), []);
        return OptionsDescription.Describe(SectionName, factory.Create(Name));
    }

    public override IReadOnlyList<string> Validate(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(Name);
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
    }
}
