using AtotiAuth.Testing;

namespace AtotiAuth.EndToEnd.Tests.Infrastructure;

/// <summary>The sample UI's files (samples/remote-ui), copied into the gateway and the identity containers.</summary>
internal static class UiFiles
{
    public static byte[] Read(string relativePath)
        => File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "samples", "remote-ui", relativePath));
}
