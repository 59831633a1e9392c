using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Options;

/// <summary>
/// Validates data annotations and reports each failure under its configuration key
/// (<c>AtotiAuth:Token:Issuer</c>) and environment variable (<c>AtotiAuth__Token__Issuer</c>),
/// so an operator reading a failed start knows exactly what to set. Property by property through the
/// public properties that <typeparamref name="TOptions"/>'s annotation keeps for trimming, as
/// <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/>
/// does by reflection (which is not trim-safe): <c>[Required]</c> first, the other attributes only when
/// it passes, then <see cref="IValidatableObject"/>.
/// </summary>
internal sealed class DataAnnotationsKeyValidator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(string sectionName)
    : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToList();
            if (attributes.Count == 0 || property.GetMethod is null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var context = new ValidationContext(options, property.Name, null, null) { MemberName = property.Name };
            Validator.TryValidateValue(property.GetValue(options), context, results, attributes);
        }

        if (results.Count == 0 && options is IValidatableObject validatable)
        {
            results.AddRange(validatable.Validate(new ValidationContext(options, typeof(TOptions).Name, null, null)));
        }

        return results.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(results.Select(r => Describe(sectionName, r)));
    }

    internal static string Describe(string sectionName, ValidationResult result)
    {
        var member = result.MemberNames.FirstOrDefault();
        if (member is null)
        {
            return $"{sectionName}: {result.ErrorMessage}";
        }

        var key = $"{sectionName}:{member}";
        return $"{key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}): {result.ErrorMessage}";
    }
}
