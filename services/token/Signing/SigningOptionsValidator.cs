using Microsoft.Extensions.Options;

namespace AtotiAuth.Token.Signing;

internal sealed class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    private const string Section = SigningOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        var failures = new List<string>();
        if (!SigningAlgorithms.Supported.Contains(options.Algorithm, StringComparer.Ordinal))
        {
            failures.Add($"{Section}:Algorithm (environment variable AtotiAuth__Token__Signing__Algorithm) is '{options.Algorithm}'; " +
                $"choose one of {string.Join(", ", SigningAlgorithms.Supported)} (default RS512, as Atoti).");
        }

        if (string.IsNullOrWhiteSpace(options.KeyDirectory))
        {
            if (!options.GenerateEphemeralKey)
            {
                failures.Add($"{Section}:KeyDirectory (environment variable AtotiAuth__Token__Signing__KeyDirectory) is required: " +
                    "a directory of signing keys, e.g. a mounted Kubernetes Secret (see docs/keys.md for the openssl commands).");
            }
            else if (!SigningAlgorithms.IsRsa(options.Algorithm))
            {
                failures.Add($"{Section}:GenerateEphemeralKey makes an RSA key, but {Section}:Algorithm is '{options.Algorithm}'.");
            }
        }
        else if (!Directory.Exists(options.KeyDirectory))
        {
            failures.Add($"{Section}:KeyDirectory '{options.KeyDirectory}' does not exist or cannot be read.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
