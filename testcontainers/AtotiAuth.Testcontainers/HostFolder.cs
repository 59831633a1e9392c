namespace AtotiAuth.Testcontainers;

/// <summary>
/// A temporary host folder holding one file, bind-mounted read-only into a container whose user (UID
/// 1654) is not the test's: signing keys, keytabs. Deleted with its container.
/// </summary>
internal static class HostFolder
{
    public static string CreateWith(string prefix, string fileName, byte[] content)
    {
        var directory = Directory.CreateTempSubdirectory(prefix);
        var file = Path.Combine(directory.FullName, fileName);
        File.WriteAllBytes(file, content);
        if (!OperatingSystem.IsWindows())
        {
            // A test key may be world-readable, a real one never.
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
