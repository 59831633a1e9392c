using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.EmbeddedUi;

internal sealed class EmbeddedUiOptionsValidator : IValidateOptions<EmbeddedUiOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedUiOptions options)
        => string.IsNullOrEmpty(options.RootPath) || Directory.Exists(options.RootPath)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{EmbeddedUiOptions.SectionName}:RootPath (environment variable AtotiAuth__Identity__EmbeddedUi__RootPath) " +
                $"is '{options.RootPath}', which is not a folder: point it at the UI's files or leave it empty.");
}
