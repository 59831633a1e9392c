using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.DataProtection;

/// <summary>The key ring's certificate files exist and come in a usable combination (<see cref="KeyRingOptions"/>).</summary>
internal sealed class KeyRingOptionsValidator : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CertificateFile))
        {
            if (!string.IsNullOrWhiteSpace(options.CertificateKeyFile) || !string.IsNullOrWhiteSpace(options.PreviousCertificateFile))
            {
                failures.Add($"{KeyRingOptions.SectionName}:CertificateFile (environment variable AtotiAuth__DataProtection__CertificateFile) is required with CertificateKeyFile or PreviousCertificateFile: a rotation keeps the new certificate as CertificateFile and the old one as PreviousCertificateFile.");
            }
        }

        foreach (var (key, file) in new[]
        {
            ("CertificateFile", options.CertificateFile), ("CertificateKeyFile", options.CertificateKeyFile),
            ("PreviousCertificateFile", options.PreviousCertificateFile), ("PreviousCertificateKeyFile", options.PreviousCertificateKeyFile),
        })
        {
            if (!string.IsNullOrWhiteSpace(file) && !File.Exists(file))
            {
                failures.Add($"{KeyRingOptions.SectionName}:{key} (environment variable AtotiAuth__DataProtection__{key}): no file at '{file}'; mount the PEM there (docs/redis.md).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
