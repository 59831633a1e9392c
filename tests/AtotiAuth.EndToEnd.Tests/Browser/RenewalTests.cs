using AtotiAuth.EndToEnd.Tests.Infrastructure;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// A UI left open keeps its live updates: the system's tokens last a minute here (Topology.TokenLifetime),
/// the remote UI renews its token and pings again before each expires, and the sidecars keep the open
/// sockets while the session lives. A sign-out elsewhere still closes them at once.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class RenewalTests(BrowserFixture browser)
{
    [Fact]
    public async Task RemoteUi_ThreeTokenRenewals_SocketsStayOpenAndStreamWithoutReload()
    {
        await using var session = await BrowserSession.OpenAsync(browser, "renewals");
        using var user = await browser.System.Admin.CreateUserAsync("allday", TestContext.Current.CancellationToken);
        await session.RunAsync(async () =>
        {
            var ui = browser.System.Gateway.Ui;
            var tab = await session.NewTabAsync();
            await tab.GotoAsync(ui);
            await tab.ExpectLoginPageAsync(ui.ToString());
            await tab.SignInAsync(user.Name, user.Password);
            await tab.ExpectReadyAsync(ui);
            await tab.Page.EvaluateAsync("() => { window.loadedOnce = true; }");

            for (var renewal = 1; renewal <= 3; renewal++)
            {
                var before = await Task.WhenAll(Topology.Cubes.Select(c => tab.MessagesAsync(c.Cube)));
                await tab.ExpectRenewalsAsync(renewal);
                for (var i = 0; i < Topology.Cubes.Length; i++)
                {
                    var cube = Topology.Cubes[i].Cube;
                    await Microsoft.Playwright.Assertions.Expect(tab.Cube(cube)).ToHaveAttributeAsync("data-socket", "open");
                    await tab.ExpectMessagesAsync(cube, before[i] + 5);
                }
            }

            Assert.True(await tab.Page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page was reloaded");
            await BrowserSession.SaveScreenshotAsync(tab.Page, "remote-ui-after-three-renewals");

            // A sign-out in another tab ends the session: the sidecars close this tab's sockets at once.
            var other = await session.NewTabAsync();
            await other.GotoAsync(ui);
            await other.ExpectReadyAsync(ui);
            await other.SignOutAsync();
            foreach (var (cube, _) in Topology.Cubes)
            {
                await tab.ExpectSocketClosedAsync(cube);
            }
        });
    }
}
