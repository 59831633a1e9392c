using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace AtotiAuth.Shared.DataProtection;

/// <summary>Loads the key ring's certificates (<see cref="KeyRingOptions"/>) and has Data Protection encrypt and decrypt its keys with them.</summary>
internal static class KeyRingCertificates
{
    /// <summary>
    /// Loads the files when they are there; when they are missing or set wrongly, nothing is loaded and
    /// <see cref="KeyRingOptionsValidator"/> stops the start naming the setting.
    /// </summary>
    public static void Apply(IDataProtectionBuilder dataProtection, KeyRingOptions options)
    {
        if (!Present(options.CertificateFile) || !Present(options.CertificateKeyFile, optional: true)
            || !Present(options.PreviousCertificateFile, optional: true) || !Present(options.PreviousCertificateKeyFile, optional: true))
        {
            return;
        }

        var current = Load(options.CertificateFile!, options.CertificateKeyFile, "CertificateFile", "CertificateKeyFile");
        X509Certificate2[] readers = string.IsNullOrWhiteSpace(options.PreviousCertificateFile)
            ? [current]
            : [current, Load(options.PreviousCertificateFile, options.PreviousCertificateKeyFile, "PreviousCertificateFile", "PreviousCertificateKeyFile")];
        dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate(readers);
    }

    private static bool Present(string? file, bool optional = false) =>
        string.IsNullOrWhiteSpace(file) ? optional : File.Exists(file);

    private static X509Certificate2 Load(string certificateFile, string? keyFile, string certificateKey, string keyKey)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(certificateFile, string.IsNullOrWhiteSpace(keyFile) ? null : keyFile);
            if (certificate.GetRSAPrivateKey() is null)
            {
                throw new InvalidOperationException(
                    $"{KeyRingOptions.SectionName}:{certificateKey} ('{certificateFile}') must be an RSA certificate with its private key (Data Protection encrypts keys with XML Encryption, RSA-OAEP).");
            }

            // Exported and read again so the private key is not an ephemeral one, which some platforms
            // refuse to use for decryption.
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{KeyRingOptions.SectionName}:{certificateKey} / {keyKey} (environment variables AtotiAuth__DataProtection__{certificateKey} / AtotiAuth__DataProtection__{keyKey}): cannot read a PEM certificate and its private key from '{certificateFile}'{(string.IsNullOrWhiteSpace(keyFile) ? string.Empty : $" and '{keyFile}'")}: {ex.Message}",
                ex);
        }
    }
}
