namespace AtotiAuth.Testcontainers;

/// <summary>TLS for the split system's Redis: its certificate and key, and the CA the services check it against (all PEM).</summary>
/// <param name="CaCertificatePem">The CA that signed <paramref name="CertificatePem"/>.</param>
/// <param name="CertificatePem">Redis's certificate, naming the Redis alias (e.g. <c>DNS:redis</c>).</param>
/// <param name="KeyPem">Its private key.</param>
public sealed record AtotiAuthRedisTls(string CaCertificatePem, string CertificatePem, string KeyPem);
