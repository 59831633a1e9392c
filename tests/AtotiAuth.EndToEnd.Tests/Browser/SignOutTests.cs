using AtotiAuth.EndToEnd.Tests.Infrastructure;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// Signing out in one tab ends the session for every tab: the other tab's cube WebSockets are closed
/// by the sidecars (they listen to revocations), and its next <c>/jwt</c> is refused. The Atoti
/// stand-in, which would go on honouring its own session, hears nothing more of that user.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class SignOutTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignOut_InOneTab_ClosesTheOtherTabsWebSockets()
    {
        await using var session = await BrowserSession.OpenAsync(browser, "two-tabs");
        using var user = await browser.System.Admin.CreateUserAsync("tabs", TestContext.Current.CancellationToken);
        await session.RunAsync(async () =>
        {
            var ui = browser.System.Gateway.Ui;
            var first = await session.NewTabAsync();
            await first.GotoAsync(ui);
            await first.ExpectLoginPageAsync(ui.ToString());
            await first.SignInAsync(user.Name, user.Password);
            await first.ExpectReadyAsync(ui);

            // Same browser, same cookies: the second tab is signed in without a login page.
            var second = await session.NewTabAsync();
            await second.GotoAsync(ui);
            await second.ExpectReadyAsync(ui);
            foreach (var (cube, _) in Topology.Cubes)
            {
                await second.ExpectMessagesAsync(cube, 3);
            }

            await first.SignOutAsync();

            // The first tab goes through the JWT server's /logout, back to the UI, whose /jwt now sends it to log in.
            await first.ExpectLoginPageAsync(ui.ToString());
            foreach (var (cube, _) in Topology.Cubes)
            {
                await second.ExpectSocketClosedAsync(cube);
            }

            await second.ExpectStateAsync("disconnected");
            Assert.Equal(401, await second.JwtStatusAsync(Topology.AuthOrigin));
            await BrowserSession.SaveScreenshotAsync(second.Page, "second-tab-after-sign-out");

            // The stand-in saw the user's ping, REST call and WebSocket (by its own session cookie)...
            var seen = await browser.System.AtotiRequestsOfAsync(user.Name);
            Assert.Contains(seen, static line => line.Contains("via session", StringComparison.Ordinal));

            // ...and nothing after the sign-out, although its own session and cookie are still valid to it:
            // the tab tries the cube again with the cookies it still holds, and the sidecar refuses.
            Assert.Equal(401, await second.CubeFetchStatusAsync(Topology.AtotiCube));
            Assert.Equal("refused", await second.CubeSocketAttemptAsync(Topology.AtotiCube));
            await second.Page.ReloadAsync();
            await second.ExpectLoginPageAsync(browser.System.Gateway.Ui.ToString());
            Assert.Equal(seen.Count, (await browser.System.AtotiRequestsOfAsync(user.Name)).Count);
        });
    }
}
