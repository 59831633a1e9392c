using AtotiAuth.Identity.Provisioning;

namespace AtotiAuth.Identity.Tests.Provisioning;

/// <summary>The watched path is resolved through every link, directories included, as a Kubernetes volume lays it out.</summary>
public sealed class CsvFileSnapshotTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("atotiauth-snapshot-").FullName;

    [Fact]
    public void Of_ConfigMapLayout_ResolvesToTheCurrentVersionsFile()
    {
        var first = Version("..v1", "a");
        var second = Version("..v2", "b");
        File.CreateSymbolicLink(Path.Combine(_folder, "..data"), "..v1");
        var path = Path.Combine(_folder, "users.csv");
        File.CreateSymbolicLink(path, "..data/users.csv");
        Assert.Equal(Path.Combine(first, "users.csv"), CsvFileSnapshot.Of(path)!.Target);

        File.Delete(Path.Combine(_folder, "..data"));
        File.CreateSymbolicLink(Path.Combine(_folder, "..data"), "..v2");

        Assert.Equal(Path.Combine(second, "users.csv"), CsvFileSnapshot.Of(path)!.Target);
    }

    [Fact]
    public void Of_LinkLoopOrMissingFile_IsNull()
    {
        File.CreateSymbolicLink(Path.Combine(_folder, "loop"), "loop");

        Assert.Null(CsvFileSnapshot.Of(Path.Combine(_folder, "loop")));
        Assert.Null(CsvFileSnapshot.Of(Path.Combine(_folder, "missing.csv")));
    }

    private string Version(string name, string text)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "users.csv"), text);
        return folder;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
