using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Signing;

/// <summary>Which key each algorithm needs (RFC 7518 §3), checked for every key before it is used.</summary>
internal static class SigningAlgorithms
{
    /// <summary>Smallest RSA modulus accepted: NIST SP 800-131A and RFC 7518 §3.3 ask for 2048 bits.</summary>
    public const int MinimumRsaBits = 2048;

    /// <summary>Smallest HMAC secret: RFC 7518 §3.2 asks for at least the hash size, 256 bits for HS256.</summary>
    public const int MinimumHmacBytes = 32;

    public static IReadOnlyList<string> Supported { get; } =
        ["RS512", "RS256", "RS384", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256"];

    public static bool IsRsa(string algorithm) => algorithm.StartsWith("RS", StringComparison.Ordinal) || algorithm.StartsWith("PS", StringComparison.Ordinal);

    public static bool IsHmac(string algorithm) => algorithm.StartsWith("HS", StringComparison.Ordinal);

    /// <summary>Null when <paramref name="key"/> can sign with <paramref name="algorithm"/>; otherwise why not.</summary>
    public static string? Mismatch(string algorithm, SecurityKey key)
    {
        switch (key)
        {
            case RsaSecurityKey rsa when IsRsa(algorithm):
                return rsa.KeySize < MinimumRsaBits
                    ? $"is an RSA key of {rsa.KeySize} bits; at least {MinimumRsaBits} are required"
                    : null;
            case ECDsaSecurityKey ec when algorithm.StartsWith("ES", StringComparison.Ordinal):
                var expected = algorithm switch { "ES256" => 256, "ES384" => 384, _ => 521 };
                return ec.KeySize == expected ? null : $"is an EC key of {ec.KeySize} bits; {algorithm} needs the {expected}-bit curve";
            case SymmetricSecurityKey hmac when IsHmac(algorithm):
                return hmac.Key.Length < MinimumHmacBytes
                    ? $"is a secret of {hmac.Key.Length * 8} bits; {algorithm} needs at least {MinimumHmacBytes * 8}"
                    : null;
            default:
                return $"is a {Describe(key)} key, which cannot sign {algorithm}";
        }
    }

    private static string Describe(SecurityKey key) => key switch
    {
        RsaSecurityKey => "RSA",
        ECDsaSecurityKey => "EC",
        SymmetricSecurityKey => "symmetric",
        _ => key.GetType().Name,
    };
}
