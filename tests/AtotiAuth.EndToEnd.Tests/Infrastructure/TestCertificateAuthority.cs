using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A certificate authority made for one run, and the gateway's certificate for <c>*.{domain}</c> signed by
/// it: TLS ends at the gateway as at the production Ingress, so cookies stay Secure. The services in
/// the containers trust the CA through <c>SSL_CERT_FILE</c>, the tests' HTTP clients through
/// <see cref="Validate"/>, and Chromium through the server key's pin (<see cref="ServerKeyPin"/>).
/// </summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _server;

    private TestCertificateAuthority(X509Certificate2 root, X509Certificate2 server)
    {
        _root = root;
        _server = server;
    }

    /// <summary>The CA certificate, PEM.</summary>
    public string RootPem => _root.ExportCertificatePem();

    /// <summary>The server certificate followed by the CA's, PEM (what nginx sends).</summary>
    public string ServerChainPem => _server.ExportCertificatePem() + "\n" + _root.ExportCertificatePem() + "\n";

    /// <summary>The server's private key, PKCS#8 PEM.</summary>
    public string ServerKeyPem => _server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    /// <summary>Base64 SHA-256 of the server certificate's SubjectPublicKeyInfo, for <c>--ignore-certificate-errors-spki-list</c>.</summary>
    public string ServerKeyPin => Convert.ToBase64String(SHA256.HashData(_server.PublicKey.ExportSubjectPublicKeyInfo()));

    public static TestCertificateAuthority Create(string domain)
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN=AtotiAuth end-to-end test CA {now:yyyyMMddHHmmss}", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, critical: false));
        var root = rootRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN=*.{domain}", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName($"*.{domain}");
        names.AddDnsName(domain);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var signed = serverRequest.Create(root, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        var server = signed.CopyWithPrivateKey(serverKey);
        return new TestCertificateAuthority(root, server);
    }

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

    public void Dispose()
    {
        _server.Dispose();
        _root.Dispose();
    }
}
