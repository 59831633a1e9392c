using System.Text;
using AtotiAuth.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// One test's browser: a fresh context (cookie jar) and its tabs. A failing test leaves a screenshot
/// of every tab and the pages' console under artifacts/ (screenshots/, e2e-logs/).
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _name;
    private readonly StringBuilder _console = new();
    private readonly List<IPage> _pages = [];

    private BrowserSession(IBrowserContext context, string name)
    {
        _context = context;
        _name = name;
    }

    public static async Task<BrowserSession> OpenAsync(BrowserFixture browser, string name)
    {
        browser.EnsureAvailable();
        return new BrowserSession(await browser.NewContextAsync(), name);
    }

    /// <summary>A session on a context of the test's own (<see cref="BrowserFixture.LaunchWithProfileAsync"/>), disposed with it.</summary>
    public static BrowserSession Of(IBrowserContext context, string name) => new(context, name);

    public async Task<UiPage> NewTabAsync()
    {
        var page = await _context.NewPageAsync();
        var tab = _pages.Count + 1;
        page.Console += (_, message) => Log($"tab {tab} console {message.Type}: {message.Text}");
        page.PageError += (_, error) => Log($"tab {tab} page error: {error}");
        page.RequestFailed += (_, request) => Log($"tab {tab} request failed: {request.Method} {request.Url} {request.Failure}");
        _pages.Add(page);
        return new UiPage(page);
    }

    /// <summary>Runs the test's steps; on failure, keeps what the tabs showed before rethrowing.</summary>
    public async Task RunAsync(Func<Task> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        try
        {
            await steps();
        }
        catch
        {
            for (var i = 0; i < _pages.Count; i++)
            {
                await SaveScreenshotAsync(_pages[i], $"failed-{_name}-tab{i + 1}");
            }

            Directory.CreateDirectory(ContainerLogs.Directory);
            await File.WriteAllTextAsync(Path.Combine(ContainerLogs.Directory, $"browser-{_name}.log"), _console.ToString());
            throw;
        }
    }

    /// <summary>Saves a full-page screenshot as artifacts/screenshots/{name}.png.</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });
        }
        catch (PlaywrightException)
        {
            // A closed or crashed tab has nothing to show; the test's own failure says why.
        }
    }

    private void Log(string line)
    {
        lock (_console)
        {
            _console.Append(DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
