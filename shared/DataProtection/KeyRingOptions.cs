using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Shared.DataProtection;

/// <summary>
/// Encryption of the Data Protection key ring at rest (section <c>AtotiAuth:DataProtection</c>, docs/redis.md):
/// with a certificate, every key is stored in Redis encrypted to it (<c>ProtectKeysWithCertificate</c>),
/// so a copy of Redis (a backup, an AOF file, a user allowed to read the ring) yields no key without
/// the certificate's private key. Only the services that use the ring (identity, the sidecars) mount it.
/// </summary>
public sealed class KeyRingOptions : IBoundOptions<KeyRingOptions>
{
    /// <summary>Configuration section: <c>AtotiAuth:DataProtection</c>.</summary>
    public const string SectionName = "AtotiAuth:DataProtection";

    static void IBoundOptions<KeyRingOptions>.Bind(IConfiguration section, KeyRingOptions options) => section.Bind(options);

    /// <summary>
    /// PEM file of the certificate new keys are encrypted to (e.g. <c>tls.crt</c> of a Kubernetes TLS
    /// Secret). Default none: the ring is stored unencrypted, and the service says so at start; the
    /// production overlay sets it.
    /// </summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM file of its private key (e.g. <c>tls.key</c>). Default none: the key is in <see cref="CertificateFile"/>.</summary>
    public string? CertificateKeyFile { get; set; }

    /// <summary>
    /// The certificate used before a rotation, still needed to read the keys encrypted to it until they
    /// expire (docs/redis.md, "Rotating the key ring's certificate"). Default none.
    /// </summary>
    public string? PreviousCertificateFile { get; set; }

    /// <summary>PEM file of the previous certificate's private key. Default none: the key is in <see cref="PreviousCertificateFile"/>.</summary>
    public string? PreviousCertificateKeyFile { get; set; }
}
