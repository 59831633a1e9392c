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
        var launch = await ChromiumLaunch.PrepareAsync(chromium, System);
        await Console.Out.WriteLineAsync($"browser tests: {chromium} in {launch.Where}");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = launch.ExecutablePath,
            Headless = true,
            Timeout = 120_000,
            Args =
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
            ],
        });
    }

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
