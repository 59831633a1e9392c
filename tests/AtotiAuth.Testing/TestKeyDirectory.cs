using System.Security.Cryptography;
using System.Text;

namespace AtotiAuth.Testing;

/// <summary>A temporary key directory, written the way operators write one (docs/keys.md), deleted on dispose.</summary>
public sealed class TestKeyDirectory : IDisposable
{
    /// <summary>Creates an empty directory under the system's temporary path.</summary>
    public TestKeyDirectory()
    {
        Path = Directory.CreateTempSubdirectory("atotiauth-keys-").FullName;
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>Writes <c>{kid}.pem</c> with a new RSA key in PKCS#8 and returns the key.</summary>
    public RSA AddRsaPem(string kid, int bits = 2048)
    {
        var rsa = RSA.Create(bits);
        Write($"{kid}.pem", rsa.ExportPkcs8PrivateKeyPem());
        return rsa;
    }

    /// <summary>Writes <c>{kid}.pem</c> with a new EC P-256 key in SEC1 and returns the key.</summary>
    public ECDsa AddEcPem(string kid)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Write($"{kid}.pem", ec.ExportECPrivateKeyPem());
        return ec;
    }

    /// <summary>Names the active key in the <c>active</c> file.</summary>
    public void SetActive(string kid) => Write("active", kid + "\n");

    /// <summary>Writes a file atomically (write then rename), as a Secret update appears to readers.</summary>
    public void Write(string fileName, string content)
    {
        var temporary = System.IO.Path.Combine(Path, $".{fileName}.{Guid.NewGuid():N}");
        File.WriteAllText(temporary, content, Encoding.ASCII);
        File.Move(temporary, System.IO.Path.Combine(Path, fileName), overwrite: true);
    }

    /// <summary>Removes a file.</summary>
    public void Delete(string fileName) => File.Delete(System.IO.Path.Combine(Path, fileName));

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test host may still poll the directory while it is torn down; the OS cleans temp later.
        }
    }
}
