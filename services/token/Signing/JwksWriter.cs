using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Token.Signing;

/// <summary>
/// Writes the JWKS (RFC 7517 §5) from the public parameters only: built field by field rather than by
/// converting the private key, so no private member can slip into the document.
/// </summary>
internal static class JwksWriter
{
    public static byte[] Write(IEnumerable<LoadedKey> keys, string algorithm)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var key in keys)
            {
                WriteKey(json, key, algorithm);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteKey(Utf8JsonWriter json, LoadedKey key, string algorithm)
    {
        switch (key.Key)
        {
            case RsaSecurityKey { Rsa: { } rsa }:
                var rsaParameters = rsa.ExportParameters(includePrivateParameters: false);
                json.WriteStartObject();
                json.WriteString("kty", "RSA");
                Common(json, key, algorithm);
                json.WriteString("n", Base64UrlEncoder.Encode(rsaParameters.Modulus));
                json.WriteString("e", Base64UrlEncoder.Encode(rsaParameters.Exponent));
                json.WriteEndObject();
                break;
            case ECDsaSecurityKey ec:
                var ecParameters = ec.ECDsa.ExportParameters(includePrivateParameters: false);
                json.WriteStartObject();
                json.WriteString("kty", "EC");
                Common(json, key, algorithm);
                json.WriteString("crv", ec.KeySize switch { 256 => "P-256", 384 => "P-384", _ => "P-521" });
                json.WriteString("x", Base64UrlEncoder.Encode(ecParameters.Q.X));
                json.WriteString("y", Base64UrlEncoder.Encode(ecParameters.Q.Y));
                json.WriteEndObject();
                break;
            default:
                throw new CryptographicException($"Key '{key.KeyId}' cannot be published.");
        }
    }

    private static void Common(Utf8JsonWriter json, LoadedKey key, string algorithm)
    {
        json.WriteString("use", "sig");
        json.WriteString("alg", algorithm);
        json.WriteString("kid", key.KeyId);
    }
}
