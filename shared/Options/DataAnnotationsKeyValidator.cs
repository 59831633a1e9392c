using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Options;

/// <summary>
/// Validates data annotations and reports each failure under its configuration key
/// (<c>AtotiAuth:Token:Issuer</c>) and environment variable (<c>AtotiAuth__Token__Issuer</c>),
/// so an operator reading a failed start knows exactly what to set.
/// </summary>
internal sealed class DataAnnotationsKeyValidator<TOptions>(string sectionName) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = results.Select(r => Describe(sectionName, r));
        return ValidateOptionsResult.Fail(failures);
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
