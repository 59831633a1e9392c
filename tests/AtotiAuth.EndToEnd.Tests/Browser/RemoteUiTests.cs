using AtotiAuth.EndToEnd.Tests.Infrastructure;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// The remote UI in headless Chromium (seed 002, "Remote Atoti UI"): its <c>/jwt</c> call answers 401,
/// it sends the browser to the JWT server's login page, which sends it back signed in; the UI then
/// pings both cubes and their WebSockets stream into the page. One test per way of signing in.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class RemoteUiTests(BrowserFixture browser)
{
    [Fact]
    public async Task RemoteUi_BasicUser_SignsInAndStreamsFromBothCubes()
    {
        await using var session = await BrowserSession.OpenAsync(browser, "remote-basic");
        var user = await browser.System.Admin.CreateUserAsync("browser", TestContext.Current.CancellationToken);
        using (user)
        {
            await session.RunAsync(async () =>
            {
                var tab = await session.NewTabAsync();
                await tab.GotoAsync(browser.System.Gateway.Ui);
                await tab.ExpectLoginPageAsync(browser.System.Gateway.Ui.ToString());
                await BrowserSession.SaveScreenshotAsync(tab.Page, "login-page");

                await tab.SignInAsync(user.Name, user.Password);
                await ExpectSignedInAndLiveAsync(tab, user.Name, "ROLE_USER");
                await BrowserSession.SaveScreenshotAsync(tab.Page, "remote-ui-basic");
            });
        }
    }

    [Fact]
    public async Task RemoteUi_LdapUser_SignsInWithMappedRoleAndStreams()
    {
        await using var session = await BrowserSession.OpenAsync(browser, "remote-ldap");
        await session.RunAsync(async () =>
        {
            var tab = await session.NewTabAsync();
            await tab.GotoAsync(browser.System.Gateway.Ui);
            await tab.ExpectLoginPageAsync(browser.System.Gateway.Ui.ToString());

            // alice is in the directory's ROLE_ATOTI_USER group, mapped to ROLE_USER (tests/containers/openldap).
            await tab.SignInAsync("alice", "alice-pass");
            await ExpectSignedInAndLiveAsync(tab, "alice", "ROLE_USER");
            await BrowserSession.SaveScreenshotAsync(tab.Page, "remote-ui-ldap");
        });
    }

    [Fact]
    public async Task RemoteUi_OidcUser_SignsInAtTheProviderAndStreams()
    {
        await using var session = await BrowserSession.OpenAsync(browser, "remote-oidc");
        await session.RunAsync(async () =>
        {
            var tab = await session.NewTabAsync();
            await tab.GotoAsync(browser.System.Gateway.Ui);
            await tab.ExpectLoginPageAsync(browser.System.Gateway.Ui.ToString());

            // The provider's alice carries ROLE_ATOTI_USER in https://example.com/roles; her name is her email.
            await tab.SignInWithProviderAsync("alice", () => BrowserSession.SaveScreenshotAsync(tab.Page, "oidc-provider-login"));
            await ExpectSignedInAndLiveAsync(tab, "alice@example.com", "ROLE_USER");
            await BrowserSession.SaveScreenshotAsync(tab.Page, "remote-ui-oidc");
        });
    }

    private async Task ExpectSignedInAndLiveAsync(UiPage tab, string userName, string role)
    {
        await tab.ExpectReadyAsync(browser.System.Gateway.Ui);
        Assert.Equal(userName, await tab.UserAsync());
        Assert.Contains(role, await tab.RolesAsync());
        foreach (var (cube, _) in Topology.Cubes)
        {
            Assert.Equal(userName, await tab.Cube(cube).GetAttributeAsync("data-whoami"));

            // Live: the count keeps rising while the test watches (the cube ticks every 100 ms).
            var seen = await tab.MessagesAsync(cube);
            await tab.ExpectMessagesAsync(cube, seen + 5);
        }
    }
}
