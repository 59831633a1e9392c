namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Files the containers read (certificates, the signing key, the UI), written on the host and
/// bind-mounted read-only: the services run with a read-only root file system, into which nothing can
/// be copied. Readable by the images' non-root user (UID 1654); deleted with the run.
/// </summary>
internal sealed class RunFiles : IDisposable
{
    private const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public RunFiles(string runId)
    {
        Root = Path.Combine(Path.GetTempPath(), $"atotiauth-e2e-{runId}");
        System.IO.Directory.CreateDirectory(Root);
        SetMode(Root, Directory);
    }

    public string Root { get; }

    /// <summary>Writes <paramref name="relativePath"/> (folders created as needed) and returns its folder's host path.</summary>
    public string Write(string relativePath, byte[] content)
    {
        var path = Path.Combine(Root, relativePath);
        var folder = Path.GetDirectoryName(path)!;
        if (!System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.CreateDirectory(folder);
            SetMode(folder, Directory);
        }

        System.IO.File.WriteAllBytes(path, content);
        SetMode(path, File);
        return folder;
    }

    public string Folder(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Writes a script the run executes and returns its path.</summary>
    public string WriteExecutable(string relativePath, string content)
    {
        var folder = Write(relativePath, System.Text.Encoding.UTF8.GetBytes(content));
        var path = Path.Combine(folder, Path.GetFileName(relativePath));
        SetMode(path, File | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return path;
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        // Docker Desktop on Windows shares files without Unix modes; everywhere else they decide who reads.
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, mode);
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temporary-file cleanup.
        }
    }
}
