using AtotiAuth.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// The same page served by the JWT server itself under <c>/ui/</c> (seed 002, "Embedded Atoti UI"):
/// the server sends an anonymous browser to its login page and back; the page's JWT server is its own
/// origin; the cubes are on their own hosts of the same site.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class EmbeddedUiTests(BrowserFixture browser)
{
    [Fact]
    public async Task EmbeddedUi_Anonymous_GoesToLoginAndBackThenStreams()
    {
        await using var session = await BrowserSession.OpenAsync(browser, "embedded");
        using var user = await browser.System.Admin.CreateUserAsync("embedded", TestContext.Current.CancellationToken);
        await session.RunAsync(async () =>
        {
            var embedded = new Uri(browser.System.Gateway.Auth, "/ui/");
            var tab = await session.NewTabAsync();
            await tab.GotoAsync(embedded);
            await tab.ExpectLoginPageAsync("/ui/");
            await tab.SignInAsync(user.Name, user.Password);

            await tab.ExpectReadyAsync(embedded);
            Assert.Equal(user.Name, await tab.UserAsync());
            await Expect(tab.Page.Locator("#jwt-server")).ToHaveTextAsync(Topology.AuthOrigin);
            foreach (var (cube, _) in Topology.Cubes)
            {
                await tab.ExpectMessagesAsync(cube, 3);
            }

            await BrowserSession.SaveScreenshotAsync(tab.Page, "embedded-ui");

            // Signing out comes back to /ui/, which is behind the login again.
            await tab.SignOutAsync();
            await tab.ExpectLoginPageAsync("/ui/");
        });
    }
}
