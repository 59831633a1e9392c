using System.Text.Json;
using AtotiAuth.Testing;
using AtotiAuth.Token.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace AtotiAuth.Token.Tests.Signing;

public sealed class SigningKeySetTests : IDisposable
{
    private readonly TestKeyDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Current_WeakRsaKey_ThrowsNamingFileAndSetting()
    {
        _directory.AddRsaPem("weak", bits: 1024);

        var error = Assert.Throws<SigningKeyException>(() => Create().Current);

        Assert.Contains("weak.pem", error.Message, StringComparison.Ordinal);
        Assert.Contains("AtotiAuth:Token:Signing:KeyDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains("1024 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_EcKeyWithRs512_ThrowsNamingAlgorithm()
    {
        _directory.AddEcPem("ec");

        var error = Assert.Throws<SigningKeyException>(() => Create().Current);

        Assert.Contains("ec.pem", error.Message, StringComparison.Ordinal);
        Assert.Contains("AtotiAuth:Token:Signing:Algorithm is RS512", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_EmptyDirectory_ThrowsNamingSetting()
    {
        var error = Assert.Throws<SigningKeyException>(() => Create().Current);

        Assert.Contains("AtotiAuth:Token:Signing:KeyDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_TwoKeysWithoutActive_ThrowsNamingActiveKeyId()
    {
        _directory.AddRsaPem("a");
        _directory.AddRsaPem("b");

        var error = Assert.Throws<SigningKeyException>(() => Create().Current);

        Assert.Contains("AtotiAuth:Token:Signing:ActiveKeyId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_ActiveFile_WinsOverActiveKeyId()
    {
        _directory.AddRsaPem("a");
        _directory.AddRsaPem("b");
        _directory.SetActive("b");

        var keys = Create(o => o.ActiveKeyId = "a");

        Assert.Equal("b", keys.Current.Signer.KeyId);
    }

    [Fact]
    public void Current_Es256Key_SignsWithEs256AndPublishesEcKey()
    {
        _directory.AddEcPem("ec");

        var current = Create(o => o.Algorithm = "ES256").Current;

        Assert.Equal("ES256", current.Credentials.Algorithm);
        using var jwks = JsonDocument.Parse(current.Jwks);
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
    }

    [Fact]
    public void Jwks_RsaKeys_HoldPublicMembersOnly()
    {
        _directory.AddRsaPem("a");

        var current = Create().Current;

        using var jwks = JsonDocument.Parse(current.Jwks);
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(["kty", "use", "alg", "kid", "n", "e"], key.EnumerateObject().Select(p => p.Name));
        Assert.Equal("RS512", key.GetProperty("alg").GetString());
    }

    [Fact]
    public void Reload_NewActiveKey_SignsAfterPublishLead()
    {
        _directory.AddRsaPem("a");
        _directory.SetActive("a");
        var keys = Create();
        Assert.Equal("a", keys.Current.Signer.KeyId);

        _directory.AddRsaPem("b");
        _directory.SetActive("b");
        var before = keys.Reload(strict: false)!;
        _time.Advance(TimeSpan.FromMinutes(10));
        var after = keys.Reload(strict: false)!;

        Assert.Equal("a", before.Signer.KeyId);
        Assert.Equal(2, before.ValidationKeys.Count);
        Assert.Equal("b", after.Signer.KeyId);
    }

    [Fact]
    public void Reload_BrokenFileAfterStart_KeepsLastGoodKeys()
    {
        _directory.AddRsaPem("a");
        var keys = Create();
        var first = keys.Current;

        _directory.Write("b.pem", "garbage");
        var after = keys.Reload(strict: false);

        Assert.Same(first, after);
    }

    [Fact]
    public void Current_NoDirectoryWithEphemeralKey_GeneratesRsa3072()
    {
        var keys = new SigningKeySet(
            OptionsFactory.Create(new SigningOptions { GenerateEphemeralKey = true }),
            OptionsFactory.Create(new TokenOptions { Issuer = "https://auth.example.com" }),
            _time,
            NullLogger<SigningKeySet>.Instance);

        var signer = keys.Current.Signer;

        Assert.StartsWith("ephemeral-", signer.KeyId, StringComparison.Ordinal);
        Assert.Equal(3072, Assert.IsType<RsaSecurityKey>(signer.Key).KeySize);
    }

    private SigningKeySet Create(Action<SigningOptions>? configure = null)
    {
        var options = new SigningOptions { KeyDirectory = _directory.Path };
        configure?.Invoke(options);
        return new SigningKeySet(
            OptionsFactory.Create(options),
            OptionsFactory.Create(new TokenOptions { Issuer = "https://auth.example.com" }),
            _time,
            NullLogger<SigningKeySet>.Instance);
    }
}
