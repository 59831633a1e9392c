using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Provisioning;

/// <summary>
/// HMAC-SHA256 of a row (user, password, status, sorted roles, each length-prefixed so no two rows share
/// an encoding), keyed by <see cref="CsvProvisioningOptions.DigestKey"/> or a key drawn for this process.
/// Computing one costs microseconds where verifying a password costs a PBKDF2 run; without the key a
/// stored digest tells nothing about the password.
/// </summary>
internal sealed class CsvRowDigests
{
    private readonly byte[] _key;

    public CsvRowDigests(IOptions<CsvProvisioningOptions> options)
    {
        var configured = options.Value.DigestKey;
        IsKeyShared = !string.IsNullOrEmpty(configured);
        _key = IsKeyShared ? Convert.FromBase64String(configured!) : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>True when the key is configured (the same for every replica and restart), so digests may be kept in the store.</summary>
    public bool IsKeyShared { get; }

    public string Compute(CsvUserRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = new StringBuilder();
        Append(text, row.UserName);
        Append(text, row.Password);
        Append(text, row.Status.ToString());
        foreach (var role in row.Roles.Order(StringComparer.Ordinal))
        {
            Append(text, role);
        }

        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Append(StringBuilder text, string value)
        => text.Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(value);
}
