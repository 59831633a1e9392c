using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AtotiAuth.Testing;

/// <summary>
/// A certificate authority made for one run, and a server certificate for <c>*.{domain}</c> signed by
/// it (the end-to-end gateway's: TLS ends there as at the production Ingress, so cookies stay Secure),
/// and more for other names (the directory's, Redis's). The services in the containers trust the CA
/// through <c>SSL_CERT_FILE</c> or their own CA settings, the tests' HTTP clients through
/// <see cref="Validate"/>, and Chromium through the server key's pin (<see cref="ServerKeyPin"/>).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _server;

    private TestCertificateAuthority(X509Certificate2 root, string domain)
    {
        _root = root;
        _server = Issue($"*.{domain}", domain);
    }

    /// <summary>The CA certificate, PEM.</summary>
    public string RootPem => _root.ExportCertificatePem();

    /// <summary>The gateway's certificate (<c>*.{domain}</c>) followed by the CA's, PEM (what nginx sends).</summary>
    public string ServerChainPem => ChainPem(_server);

    /// <summary>The gateway's private key, PKCS#8 PEM.</summary>
    public string ServerKeyPem => KeyPem(_server);

    /// <summary>Base64 SHA-256 of the gateway certificate's SubjectPublicKeyInfo, for <c>--ignore-certificate-errors-spki-list</c>.</summary>
    public string ServerKeyPin => Convert.ToBase64String(SHA256.HashData(_server.PublicKey.ExportSubjectPublicKeyInfo()));

    /// <summary>A new CA, and a server certificate for <c>*.{domain}</c> and <paramref name="domain"/>.</summary>
    public static TestCertificateAuthority Create(string domain)
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN=AtotiAuth end-to-end test CA {now:yyyyMMddHHmmss}", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, critical: false));
        return new TestCertificateAuthority(rootRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(2)), domain);
    }

    /// <summary>A server certificate for other names (the directory's), as certificate PEM and key PEM.</summary>
    public (string CertificatePem, string KeyPem) IssuePem(params string[] dnsNames)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        using var certificate = Issue(dnsNames);
        return (certificate.ExportCertificatePem() + "\n", KeyPem(certificate));
    }

    private X509Certificate2 Issue(params string[] dnsNames)
    {
        var now = DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));
        using var signed = request.Create(_root, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    private string ChainPem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n" + _root.ExportCertificatePem() + "\n";

    private static string KeyPem(X509Certificate2 certificate) => certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    /// <summary>Accepts exactly the certificates this CA signed for the host asked for (name checked by .NET).</summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _server.Dispose();
        _root.Dispose();
    }
}
