using System.Security.Cryptography;

namespace AtotiAuth.AppHost;

/// <summary>
/// The files the local system needs, under <c>artifacts/apphost/</c> (git-ignored): the token service's
/// signing key, made once and kept, so sessions and tokens survive a restart of the AppHost; and the
/// repository's root, where the sample UI lives.
/// </summary>
public sealed record SystemFiles(string RepositoryRoot, string KeyDirectory, string PublicKeyBase64)
{
    public static SystemFiles Prepare()
    {
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("The AppHost must run inside the AtotiAuth repository (AtotiAuth.sln not found above it).");
        var keys = Path.Combine(root, "artifacts", "apphost", "keys");
        Directory.CreateDirectory(keys);
        var file = Path.Combine(keys, "local.pem");
        using var rsa = RSA.Create();
        if (File.Exists(file))
        {
            rsa.ImportFromPem(File.ReadAllText(file));
        }
        else
        {
            rsa.KeySize = 3072;
            File.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
        }

        // The Atoti stand-in knows the public key as Atoti does (activeviam.jwt.key.public): base64 DER.
        return new SystemFiles(root, keys, Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtotiAuth.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
