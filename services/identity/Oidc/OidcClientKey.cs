using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// The private key of a <c>private_key_jwt</c> client (RFC 7523): RSA of 2048 bits or more signs RS256,
/// EC P-256 signs ES256 (the algorithms every provider accepts). The key id is the public key's RFC 7638
/// thumbprint, so the JWK registered at the provider and the assertion's <c>kid</c> agree by construction.
/// </summary>
internal static class OidcClientKey
{
    /// <summary>Why the file cannot be used, or null when it holds a usable key.</summary>
    public static string? Check(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "is required: the path of the client's private key (PEM).";
        }

        try
        {
            using var key = Load(path);
            return null;
        }
        catch (IOException)
        {
            return $"'{path}' cannot be read.";
        }
        catch (UnauthorizedAccessException)
        {
            return $"'{path}' cannot be read (permissions).";
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or NotSupportedException)
        {
            return $"'{path}' holds no unencrypted RSA (2048 bits or more) or EC P-256 private key in PEM.";
        }
    }

    /// <summary>Loads the key; the caller keeps it (the credentials hold the algorithm object).</summary>
    public static LoadedKey Load(string path)
    {
        var pem = File.ReadAllText(path);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048)
            {
                throw new NotSupportedException("RSA key under 2048 bits.");
            }

            var key = new RsaSecurityKey(rsa);
            key.KeyId = Thumbprint(JsonWebKeyConverter.ConvertFromRSASecurityKey(key));
            return new LoadedKey(new SigningCredentials(key, SecurityAlgorithms.RsaSha256), rsa);
        }
        catch (ArgumentException)
        {
            rsa.Dispose();
        }
        catch
        {
            rsa.Dispose();
            throw;
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            if (ec.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new NotSupportedException("EC key not on P-256.");
            }

            var key = new ECDsaSecurityKey(ec);
            key.KeyId = Thumbprint(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key));
            return new LoadedKey(new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256), ec);
        }
        catch
        {
            ec.Dispose();
            throw;
        }
    }

    private static string Thumbprint(JsonWebKey jwk) => Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());

    /// <summary>Signing credentials and the algorithm object they use.</summary>
    internal sealed class LoadedKey(SigningCredentials credentials, AsymmetricAlgorithm algorithm) : IDisposable
    {
        public SigningCredentials Credentials { get; } = credentials;

        public void Dispose() => algorithm.Dispose();
    }
}
