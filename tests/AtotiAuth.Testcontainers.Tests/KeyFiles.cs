namespace AtotiAuth.Testcontainers.Tests;

/// <summary>Key directories the images read: their user (UID 1654) is not the test's.</summary>
public static class KeyFiles
{
    /// <summary>Makes a test key directory and its files world-readable (never do so with a real key).</summary>
    public static void MakeReadableByTheImage(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        }
    }
}
