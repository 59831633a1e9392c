using System.Security.Cryptography;

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
        var directory = Directory.CreateTempSubdirectory("atotiauth-testcontainers-keys-");
        using var rsa = RSA.Create(2048);
        var file = Path.Combine(directory.FullName, GeneratedKeyId + ".pem");
        File.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            // The container's user is not the test's: a test key may be world-readable, a real one never.
            File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return directory.FullName;
    }

    public static void Delete(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temporary-file clean-up.
        }
    }
}
