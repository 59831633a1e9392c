namespace AtotiAuth.Testing;

/// <summary>Paths inside the repository, found from the test binaries.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding AtotiAuth.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    /// <summary>The built entry assembly of a project, e.g. <c>services/standalone</c>, <c>AtotiAuth.Standalone</c>.</summary>
    public static string BuiltAssembly(string projectFolder, string assemblyName) =>
        Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtotiAuth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AtotiAuth.sln not found above " + AppContext.BaseDirectory);
    }
}
