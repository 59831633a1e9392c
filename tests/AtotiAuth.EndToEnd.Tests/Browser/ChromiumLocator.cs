namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// Finds Debian's Chromium, which scripts/ensure-chromium.sh installs: Playwright drives it through
/// <c>ExecutablePath</c>, so no browser is ever downloaded. <c>ATOTIAUTH_CHROMIUM</c> names another.
/// </summary>
internal static class ChromiumLocator
{
    public static string? Find()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("ATOTIAUTH_CHROMIUM") };
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(directory, "chromium"));
        }

        candidates.Add("/usr/bin/chromium");
        return candidates.FirstOrDefault(static path => !string.IsNullOrEmpty(path) && File.Exists(path));
    }
}
