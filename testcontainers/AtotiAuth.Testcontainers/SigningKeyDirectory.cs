using System.Security.Cryptography;
using System.Text;

namespace AtotiAuth.Testcontainers;

/// <summary>
/// A key directory as operators write one (docs/keys.md): one RSA key in PKCS#8 PEM, readable by the
/// image's user (UID 1654), mounted read-only at <see cref="MountPath"/>. Deleted with its container.
/// </summary>
internal static class SigningKeyDirectory
{
    public const string MountPath = "/keys";
    public const string KeyDirectorySetting = "AtotiAuth__Token__Signing__KeyDirectory";
    public const string GeneratedKeyId = "testcontainers-1";

    public static string Generate()
    {
        using var rsa = RSA.Create(2048);
        return HostFolder.CreateWith("atotiauth-testcontainers-keys-", GeneratedKeyId + ".pem", Encoding.ASCII.GetBytes(rsa.ExportPkcs8PrivateKeyPem()));
    }
}
