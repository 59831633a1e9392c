using AtotiAuth.EndToEnd.Tests.Infrastructure;
using AtotiAuth.Testing;
using Microsoft.Playwright;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// One headless Debian Chromium for the browser tests, driven by Playwright's bundled driver (no browser
/// download, no <c>playwright install</c>). Every public name of the system resolves to the gateway's
/// port and the gateway's certificate is accepted by its key pin, so pages see the real HTTPS origins.
/// Each test opens its own context (a fresh cookie jar).
/// </summary>
public sealed class BrowserFixture(EndToEndSystem system) : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ChromiumLaunch? _launch;

    public string? UnavailableReason { get; private set; }

    internal EndToEndSystem System { get; } = system;

    /// <summary>Where screenshots go (artifacts/ is git-ignored; CI keeps it).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    public void EnsureAvailable()
    {
        System.EnsureAvailable();
        if (UnavailableReason is not null)
        {
            Assert.Skip(UnavailableReason);
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (System.UnavailableReason is not null)
        {
            return;
        }

        var chromium = ChromiumLocator.Find();
        if (chromium is null)
        {
            const string reason = "No Chromium found (scripts/ensure-chromium.sh installs Debian's chromium; ATOTIAUTH_CHROMIUM names another).";
            if (DockerEnvironment.ContainersRequired)
            {
                throw new InvalidOperationException($"The browser tests are required in this run (ATOTIAUTH_REQUIRE_CONTAINERS=1): {reason}");
            }

            UnavailableReason = reason;
            return;
        }

        // This run's screenshots only.
        if (Directory.Exists(ScreenshotDirectory))
        {
            Directory.Delete(ScreenshotDirectory, recursive: true);
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _launch = await ChromiumLaunch.PrepareAsync(chromium, System);
        await Console.Out.WriteLineAsync($"browser tests: {chromium} in {_launch.Where}");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = _launch.ExecutablePath,
            Headless = true,
            Timeout = 120_000,
            Args = Arguments(_launch),
        });
    }

    /// <summary>How Chromium runs in this run (where, hence which addresses it reaches); null when it does not.</summary>
    internal ChromiumLaunch? Launch => _launch;

    /// <summary>
    /// Another Chromium with a profile of the test's (its <c>Local State</c> written beforehand, where
    /// browser-wide settings such as Kerberos' live) and the test process's environment plus
    /// <paramref name="environment"/>: for settings the shared Chromium must not have (a Kerberos ticket
    /// cache is process-wide). Disposing the context ends that Chromium.
    /// </summary>
    internal async Task<IBrowserContext> LaunchWithProfileAsync(string userDataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var launch = _launch ?? throw new InvalidOperationException(UnavailableReason ?? "No browser.");

        // Playwright hands Chromium exactly this environment: the process's own, plus the test's.
        var merged = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(static e => (string)e.Key, static e => (string?)e.Value ?? "", StringComparer.Ordinal);
        foreach (var (key, value) in environment)
        {
            merged[key] = value;
        }

        var context = await (_playwright ?? throw new InvalidOperationException("No Playwright.")).Chromium.LaunchPersistentContextAsync(userDataDirectory, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = launch.ExecutablePath,
            Headless = true,
            Timeout = 120_000,
            Args = Arguments(launch),
            Env = merged,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(45_000);
        return context;
    }

    private string[] Arguments(ChromiumLaunch launch) =>
    [
        // Root in a container or CI has no user namespace sandbox; these tests load only our own pages.
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        // Without these Chromium calls Google's services, which this closed network refuses.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=" + launch.HostResolverRules,
        "--ignore-certificate-errors-spki-list=" + System.Gateway.Authority.ServerKeyPin,
    ];

    /// <summary>A new browser context (cookie jar) with generous timeouts for a loaded machine.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await (_browser ?? throw new InvalidOperationException(UnavailableReason ?? "No browser.")).NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(45_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
