using System.Security.Cryptography;
using AtotiAuth.Token.Signing;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Tests.Signing;

public sealed class SigningAlgorithmsTests
{
    [Theory]
    [InlineData("RS512", "rsa2048")]
    [InlineData("RS256", "rsa3072")]
    [InlineData("PS256", "rsa2048")]
    [InlineData("ES256", "p256")]
    [InlineData("ES384", "p384")]
    [InlineData("HS256", "secret256")]
    public void Mismatch_FittingKey_ReturnsNull(string algorithm, string key)
    {
        Assert.Null(SigningAlgorithms.Mismatch(algorithm, Key(key)));
    }

    [Theory]
    [InlineData("RS512", "rsa1024", "1024 bits")]
    [InlineData("PS256", "rsa1024", "1024 bits")]
    [InlineData("ES256", "rsa2048", "RSA")]
    [InlineData("ES256", "p384", "256-bit")]
    [InlineData("RS512", "p256", "EC")]
    [InlineData("HS256", "secret128", "128 bits")]
    [InlineData("HS256", "rsa2048", "RSA")]
    [InlineData("RS256", "secret256", "symmetric")]
    public void Mismatch_UnfitKey_SaysWhy(string algorithm, string key, string reason)
    {
        Assert.Contains(reason, SigningAlgorithms.Mismatch(algorithm, Key(key)), StringComparison.Ordinal);
    }

    private static SecurityKey Key(string name) => name switch
    {
        "rsa1024" => new RsaSecurityKey(RSA.Create(1024)),
        "rsa2048" => new RsaSecurityKey(RSA.Create(2048)),
        "rsa3072" => new RsaSecurityKey(RSA.Create(3072)),
        "p256" => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        "p384" => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        "secret128" => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(16)),
        "secret256" => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
