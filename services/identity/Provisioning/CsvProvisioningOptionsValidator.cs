using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>The digest key must be base64 of at least 32 bytes (a key as strong as the HMAC-SHA256 it keys).</summary>
internal sealed class CsvProvisioningOptionsValidator : IValidateOptions<CsvProvisioningOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, CsvProvisioningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.DigestKey))
        {
            return ValidateOptionsResult.Success;
        }

        var key = new byte[options.DigestKey.Length];
        return Convert.TryFromBase64String(options.DigestKey, key, out var length) && length >= MinimumKeyBytes
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{CsvProvisioningOptions.SectionName}:{nameof(CsvProvisioningOptions.DigestKey)} must be base64 of at least {MinimumKeyBytes} random bytes (e.g. `openssl rand -base64 32`), or be left empty.");
    }
}
