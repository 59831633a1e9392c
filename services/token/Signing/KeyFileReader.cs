using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Signing;

/// <summary>
/// Reads one key file. Formats, by file name: <c>*.pem</c>/<c>*.key</c> (PKCS#1 <c>RSA PRIVATE KEY</c>,
/// PKCS#8 <c>PRIVATE KEY</c>, SEC1 <c>EC PRIVATE KEY</c>), <c>*.jwk</c>/<c>*.json</c> (a private JWK,
/// RFC 7517), and Atoti's pair <c>NAME.private.b64</c> (base64 PKCS#8) with an optional
/// <c>NAME.public.b64</c> (base64 X.509 SubjectPublicKeyInfo) that must match it.
/// The <c>kid</c> is the JWK's own <c>kid</c>, else the file name without its format suffix: readable in
/// logs and in <c>ActiveKeyId</c>, and stable when a key is re-encoded.
/// </summary>
internal static class KeyFileReader
{
    public const string AtotiPrivateSuffix = ".private.b64";
    public const string AtotiPublicSuffix = ".public.b64";

    private static readonly string[] PemSuffixes = [".pem", ".key"];
    private static readonly string[] JwkSuffixes = [".jwk", ".json"];

    /// <summary>True for names this reader handles as keys (the public half of a pair is read with its private half).</summary>
    public static bool IsKeyFile(string fileName) =>
        PemSuffixes.Any(s => fileName.EndsWith(s, StringComparison.OrdinalIgnoreCase))
        || JwkSuffixes.Any(s => fileName.EndsWith(s, StringComparison.OrdinalIgnoreCase))
        || fileName.EndsWith(AtotiPrivateSuffix, StringComparison.OrdinalIgnoreCase);

    public static LoadedKey Read(string path)
    {
        var fileName = Path.GetFileName(path);
        try
        {
            if (fileName.EndsWith(AtotiPrivateSuffix, StringComparison.OrdinalIgnoreCase))
            {
                return ReadAtotiPair(path, fileName);
            }

            var text = File.ReadAllText(path);
            return JwkSuffixes.Any(s => fileName.EndsWith(s, StringComparison.OrdinalIgnoreCase))
                ? ReadJwk(text, fileName)
                : ReadPem(text, fileName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or FormatException or JsonException or ArgumentException or System.Formats.Asn1.AsnContentException)
        {
            throw new SigningKeyException($"Key file '{fileName}' cannot be read as a private key ({ex.GetType().Name}). See docs/keys.md for the accepted formats.", ex);
        }
    }

    private static LoadedKey ReadPem(string text, string fileName)
    {
        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new SigningKeyException($"Key file '{fileName}' holds no PEM block.");
        }

        var label = text[fields.Label];
        var kid = StripSuffix(fileName);
        switch (label)
        {
            case "RSA PRIVATE KEY":
                return FromRsa(ImportRsa(r => r.ImportFromPem(text)), kid, fileName);
            case "EC PRIVATE KEY":
                return FromEc(ImportEc(e => e.ImportFromPem(text)), kid, fileName);
            case "PRIVATE KEY":
                return FromPkcs8(Convert.FromBase64String(text[fields.Base64Data]), kid, fileName);
            case "ENCRYPTED PRIVATE KEY":
                throw new SigningKeyException($"Key file '{fileName}' is encrypted; store it unencrypted in the Secret " +
                    "(openssl pkcs8 -topk8 -nocrypt) and protect the Secret instead.");
            default:
                throw new SigningKeyException($"Key file '{fileName}' holds a '{label}' block; a private key is needed to sign.");
        }
    }

    private static LoadedKey ReadAtotiPair(string path, string fileName)
    {
        var kid = fileName[..^AtotiPrivateSuffix.Length];
        var key = FromPkcs8(Convert.FromBase64String(File.ReadAllText(path).Trim()), kid, fileName);
        var publicPath = Path.Combine(Path.GetDirectoryName(path)!, kid + AtotiPublicSuffix);
        if (File.Exists(publicPath))
        {
            var declared = Convert.FromBase64String(File.ReadAllText(publicPath).Trim());
            if (!CryptographicOperations.FixedTimeEquals(declared, SubjectPublicKeyInfo(key.Key)))
            {
                throw new SigningKeyException($"Key files '{fileName}' and '{kid}{AtotiPublicSuffix}' are not halves of the same key pair.");
            }
        }

        return key;
    }

    private static LoadedKey ReadJwk(string text, string fileName)
    {
        var jwk = new JsonWebKey(text);
        var kid = string.IsNullOrEmpty(jwk.Kid) ? StripSuffix(fileName) : jwk.Kid;
        switch (jwk.Kty)
        {
            case JsonWebAlgorithmsKeyTypes.RSA when !string.IsNullOrEmpty(jwk.D):
                return FromRsa(ImportRsa(r => r.ImportParameters(new RSAParameters
                {
                    Modulus = Decode(jwk.N), Exponent = Decode(jwk.E), D = Decode(jwk.D),
                    P = Decode(jwk.P), Q = Decode(jwk.Q), DP = Decode(jwk.DP), DQ = Decode(jwk.DQ), InverseQ = Decode(jwk.QI),
                })), kid, fileName);
            case JsonWebAlgorithmsKeyTypes.EllipticCurve when !string.IsNullOrEmpty(jwk.D):
                return FromEc(ImportEc(e => e.ImportParameters(new ECParameters
                {
                    Curve = jwk.Crv switch
                    {
                        "P-256" => ECCurve.NamedCurves.nistP256,
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        "P-521" => ECCurve.NamedCurves.nistP521,
                        _ => throw new SigningKeyException($"Key file '{fileName}' uses curve '{jwk.Crv}'; P-256, P-384 or P-521 are supported."),
                    },
                    Q = new ECPoint { X = Decode(jwk.X), Y = Decode(jwk.Y) },
                    D = Decode(jwk.D),
                })), kid, fileName);
            case JsonWebAlgorithmsKeyTypes.Octet when !string.IsNullOrEmpty(jwk.K):
                var secret = Decode(jwk.K);
                return new LoadedKey(kid, fileName, new SymmetricSecurityKey(secret) { KeyId = kid }, Convert.ToHexString(SHA256.HashData(secret)));
            default:
                throw new SigningKeyException($"Key file '{fileName}' is a JWK of type '{jwk.Kty}' without its private part; a private key is needed to sign.");
        }
    }

    private static LoadedKey FromPkcs8(byte[] der, string kid, string fileName)
    {
        var algorithm = Pkcs8AlgorithmOid(der);
        return algorithm switch
        {
            "1.2.840.113549.1.1.1" => FromRsa(ImportRsa(r => r.ImportPkcs8PrivateKey(der, out _)), kid, fileName),
            "1.2.840.10045.2.1" => FromEc(ImportEc(e => e.ImportPkcs8PrivateKey(der, out _)), kid, fileName),
            _ => throw new SigningKeyException($"Key file '{fileName}' holds a PKCS#8 key of algorithm {algorithm}; RSA or EC is needed."),
        };
    }

    private static string Pkcs8AlgorithmOid(byte[] der)
    {
        // PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier, ... } (RFC 5208 §5)
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        _ = reader.ReadInteger();
        return reader.ReadSequence().ReadObjectIdentifier();
    }

    private static LoadedKey FromRsa(RSA rsa, string kid, string fileName) =>
        new(kid, fileName, new RsaSecurityKey(rsa) { KeyId = kid }, Thumbprint(rsa.ExportSubjectPublicKeyInfo()));

    private static LoadedKey FromEc(ECDsa ec, string kid, string fileName) =>
        new(kid, fileName, new ECDsaSecurityKey(ec) { KeyId = kid }, Thumbprint(ec.ExportSubjectPublicKeyInfo()));

    private static RSA ImportRsa(Action<RSA> import)
    {
        var rsa = RSA.Create();
        import(rsa);
        return rsa;
    }

    private static ECDsa ImportEc(Action<ECDsa> import)
    {
        var ec = ECDsa.Create();
        import(ec);
        return ec;
    }

    internal static byte[] SubjectPublicKeyInfo(SecurityKey key) => key switch
    {
        RsaSecurityKey { Rsa: { } rsa } => rsa.ExportSubjectPublicKeyInfo(),
        ECDsaSecurityKey ec => ec.ECDsa.ExportSubjectPublicKeyInfo(),
        _ => [],
    };

    private static string Thumbprint(byte[] subjectPublicKeyInfo) => Convert.ToHexString(SHA256.HashData(subjectPublicKeyInfo));

    private static byte[] Decode(string? base64Url) => Base64UrlEncoder.DecodeBytes(base64Url ?? string.Empty);

    private static string StripSuffix(string fileName)
    {
        foreach (var suffix in PemSuffixes.Concat(JwkSuffixes))
        {
            if (fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return fileName[..^suffix.Length];
            }
        }

        return fileName;
    }
}
