using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AtotiAuth.Shared.DataProtection;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AtotiAuth.Shared.Tests.Store;

/// <summary>
/// The Data Protection key ring encrypted at rest to a mounted certificate (issue 21): what Redis holds
/// is unreadable without the certificate's private key, and a rotation keeps the old one for reading.
/// </summary>
public sealed class KeyRingEncryptionTests(RedisFixture fixture) : IDisposable
{
    private const string Purpose = "AtotiAuth.Tests.KeyRing";

    private readonly string _files = Directory.CreateTempSubdirectory("atotiauth-key-ring-").FullName;
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";

    [Fact]
    public async Task KeyRing_WithCertificate_StoredEncryptedAndReadByTheCertificatesHolder()
    {
        var (certificate, key) = WriteCertificate("current");
        using var writer = Host(("CertificateFile", certificate), ("CertificateKeyFile", key));
        using var reader = Host(("CertificateFile", certificate), ("CertificateKeyFile", key));

        var payload = Protector(writer).Protect("cube-cookie");

        Assert.Equal("cube-cookie", Protector(reader).Unprotect(payload));
        var stored = await StoredKeysAsync(writer);
        var ring = Assert.Single(stored);
        Assert.Contains("<encryptedSecret", ring, StringComparison.Ordinal);
        Assert.Contains("EncryptedData", ring, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", ring, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyRing_ReadWithoutTheCertificate_Unreadable()
    {
        var (certificate, key) = WriteCertificate("current");
        using var writer = Host(("CertificateFile", certificate), ("CertificateKeyFile", key));
        var payload = Protector(writer).Protect("cube-cookie");
        var (other, otherKey) = WriteCertificate("other");

        using var withoutCertificate = Host();
        using var withAnotherCertificate = Host(("CertificateFile", other), ("CertificateKeyFile", otherKey));

        Assert.ThrowsAny<CryptographicException>(() => Protector(withoutCertificate).Unprotect(payload));
        Assert.ThrowsAny<CryptographicException>(() => Protector(withAnotherCertificate).Unprotect(payload));
    }

    [Fact]
    public async Task KeyRing_CertificateRotated_OldKeysReadWithThePreviousCertificate()
    {
        var (old, oldKey) = WriteCertificate("old");
        var (current, currentKey) = WriteCertificate("new");
        using var before = Host(("CertificateFile", old), ("CertificateKeyFile", oldKey));
        var payload = Protector(before).Protect("cube-cookie");

        using var after = Host(
            ("CertificateFile", current), ("CertificateKeyFile", currentKey),
            ("PreviousCertificateFile", old), ("PreviousCertificateKeyFile", oldKey));

        Assert.Equal("cube-cookie", Protector(after).Unprotect(payload));
        Assert.Single(await StoredKeysAsync(after));
        using var afterWithoutPrevious = Host(("CertificateFile", current), ("CertificateKeyFile", currentKey));
        Assert.ThrowsAny<CryptographicException>(() => Protector(afterWithoutPrevious).Unprotect(payload));
    }

    [Fact]
    public async Task KeyRing_CertificateFileMissing_StartRefusedNamingTheKey()
    {
        using var host = Host(("CertificateFile", Path.Combine(_files, "missing.crt")));

        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("AtotiAuth:DataProtection:CertificateFile (environment variable AtotiAuth__DataProtection__CertificateFile): no file at", failure.Message, StringComparison.Ordinal);
        Assert.Contains("missing.crt", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyRing_CertificateFileNotAPem_StartRefusedNamingTheKey()
    {
        var garbage = Path.Combine(_files, "garbage.crt");
        File.WriteAllText(garbage, "not a certificate");

        var failure = Assert.Throws<InvalidOperationException>(() => Host(("CertificateFile", garbage)));

        Assert.Contains("AtotiAuth:DataProtection:CertificateFile", failure.Message, StringComparison.Ordinal);
        Assert.Contains("garbage.crt", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_files, recursive: true);

    private Microsoft.Extensions.Hosting.IHost Host(params (string Key, string Value)[] keyRing)
    {
        fixture.EnsureAvailable();
        var settings = new Dictionary<string, string?> { ["AtotiAuth:Store:Redis"] = fixture.ConnectionString, ["AtotiAuth:Store:KeyPrefix"] = _prefix };
        foreach (var (key, value) in keyRing)
        {
            settings[$"AtotiAuth:DataProtection:{key}"] = value;
        }

        return StoreRegistrationTests.Build(settings, static b => b.AddAtotiAuthDataProtection());
    }

    private static IDataProtector Protector(Microsoft.Extensions.Hosting.IHost host) =>
        host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private async Task<string[]> StoredKeysAsync(Microsoft.Extensions.Hosting.IHost host) =>
        [.. (await host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().ListRangeAsync($"{_prefix}data-protection-keys")).Select(static v => v.ToString())];

    private (string Certificate, string Key) WriteCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=AtotiAuth key ring {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(_files, name + ".crt");
        var keyFile = Path.Combine(_files, name + ".key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }
}
