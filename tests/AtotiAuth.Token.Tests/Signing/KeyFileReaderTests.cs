using System.Security.Cryptography;
using System.Text.Json;
using AtotiAuth.Testing;
using AtotiAuth.Token.Signing;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Tests.Signing;

public sealed class KeyFileReaderTests : IDisposable
{
    private readonly TestKeyDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Read_Pkcs1RsaPem_LoadsRsaKeyNamedAfterFile()
    {
        using var rsa = RSA.Create(2048);
        _directory.Write("k1.pem", rsa.ExportRSAPrivateKeyPem());

        var key = KeyFileReader.Read(PathOf("k1.pem"));

        Assert.Equal("k1", key.KeyId);
        var loaded = Assert.IsType<RsaSecurityKey>(key.Key);
        Assert.Equal(2048, loaded.KeySize);
        Assert.Equal("k1", loaded.KeyId);
    }

    [Fact]
    public void Read_Pkcs8RsaPem_LoadsRsaKey()
    {
        using var rsa = RSA.Create(3072);
        _directory.Write("k2.key", rsa.ExportPkcs8PrivateKeyPem());

        var key = KeyFileReader.Read(PathOf("k2.key"));

        Assert.Equal("k2", key.KeyId);
        Assert.Equal(3072, Assert.IsType<RsaSecurityKey>(key.Key).KeySize);
    }

    [Fact]
    public void Read_Sec1EcPem_LoadsEcKey()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _directory.Write("ec.pem", ec.ExportECPrivateKeyPem());

        var key = KeyFileReader.Read(PathOf("ec.pem"));

        Assert.Equal(256, Assert.IsType<ECDsaSecurityKey>(key.Key).KeySize);
    }

    [Fact]
    public void Read_Pkcs8EcPem_LoadsEcKey()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _directory.Write("ec8.pem", ec.ExportPkcs8PrivateKeyPem());

        var key = KeyFileReader.Read(PathOf("ec8.pem"));

        Assert.IsType<ECDsaSecurityKey>(key.Key);
    }

    [Fact]
    public void Read_PrivateRsaJwk_UsesItsKid()
    {
        using var rsa = RSA.Create(2048);
        _directory.Write("file-name.json", RsaJwk(rsa, "from-jwk"));

        var key = KeyFileReader.Read(PathOf("file-name.json"));

        Assert.Equal("from-jwk", key.KeyId);
        Assert.Equal(Thumbprint(rsa.ExportSubjectPublicKeyInfo()), key.Thumbprint);
    }

    [Fact]
    public void Read_JwkWithoutKid_UsesFileName()
    {
        using var rsa = RSA.Create(2048);
        _directory.Write("2025-01.jwk", RsaJwk(rsa, kid: null));

        Assert.Equal("2025-01", KeyFileReader.Read(PathOf("2025-01.jwk")).KeyId);
    }

    [Fact]
    public void Read_PrivateEcJwk_LoadsEcKey()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(includePrivateParameters: true);
        _directory.Write("ec.jwk", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["kid"] = "ec-1",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y), ["d"] = Base64UrlEncoder.Encode(p.D),
        }));

        var key = KeyFileReader.Read(PathOf("ec.jwk"));

        Assert.Equal("ec-1", key.KeyId);
        Assert.IsType<ECDsaSecurityKey>(key.Key);
    }

    [Fact]
    public void Read_OctetJwk_LoadsSymmetricKey()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        _directory.Write("hmac.jwk", $$"""{"kty":"oct","k":"{{Base64UrlEncoder.Encode(secret)}}"}""");

        var key = KeyFileReader.Read(PathOf("hmac.jwk"));

        Assert.True(key.IsSymmetric);
        Assert.Equal(secret, Assert.IsType<SymmetricSecurityKey>(key.Key).Key);
    }

    [Fact]
    public void Read_AtotiBase64DerPair_LoadsRsaKey()
    {
        using var rsa = RSA.Create(2048);
        _directory.Write("atoti.private.b64", Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()));
        _directory.Write("atoti.public.b64", Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));

        var key = KeyFileReader.Read(PathOf("atoti.private.b64"));

        Assert.Equal("atoti", key.KeyId);
        Assert.Equal(Thumbprint(rsa.ExportSubjectPublicKeyInfo()), key.Thumbprint);
    }

    [Fact]
    public void Read_AtotiPairWithForeignPublicHalf_ThrowsNamingBothFiles()
    {
        using var rsa = RSA.Create(2048);
        using var other = RSA.Create(2048);
        _directory.Write("atoti.private.b64", Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()));
        _directory.Write("atoti.public.b64", Convert.ToBase64String(other.ExportSubjectPublicKeyInfo()));

        var error = Assert.Throws<SigningKeyException>(() => KeyFileReader.Read(PathOf("atoti.private.b64")));

        Assert.Contains("atoti.private.b64", error.Message, StringComparison.Ordinal);
        Assert.Contains("atoti.public.b64", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public.pem", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n")]
    [InlineData("garbage.pem", "not a key")]
    [InlineData("broken.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("public.jwk", """{"kty":"RSA","n":"AQAB","e":"AQAB"}""")]
    [InlineData("notjson.json", "{")]
    [InlineData("bad.private.b64", "%%%")]
    public void Read_UnusableFile_ThrowsNamingTheFile(string fileName, string content)
    {
        _directory.Write(fileName, content);

        var error = Assert.Throws<SigningKeyException>(() => KeyFileReader.Read(PathOf(fileName)));

        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
    }

    private string PathOf(string fileName) => Path.Combine(_directory.Path, fileName);

    private static string Thumbprint(byte[] spki) => Convert.ToHexString(SHA256.HashData(spki));

    internal static string RsaJwk(RSA rsa, string? kid)
    {
        var p = rsa.ExportParameters(includePrivateParameters: true);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["d"] = Base64UrlEncoder.Encode(p.D), ["p"] = Base64UrlEncoder.Encode(p.P), ["q"] = Base64UrlEncoder.Encode(p.Q),
            ["dp"] = Base64UrlEncoder.Encode(p.DP), ["dq"] = Base64UrlEncoder.Encode(p.DQ), ["qi"] = Base64UrlEncoder.Encode(p.InverseQ),
        };
        if (kid is not null)
        {
            jwk["kid"] = kid;
        }

        return JsonSerializer.Serialize(jwk);
    }
}
