using System.Collections.Concurrent;
using AtotiAuth.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// Issue 22: from the plain login page (no <c>redirectUrl</c>), "Sign in with" the provider came back to
/// the start URL, the signed-in provider straight back again, until Chromium gave up after 20 redirects.
/// Now it lands on <c>DefaultLandingPath</c> (here the embedded UI, <c>/ui/</c>), signed in.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class OidcLandingTests(BrowserFixture browser)
{
    private const int MaxRedirects = 6;

    [Fact]
    public async Task PlainLoginPage_SignInWithProvider_LandsOnDefaultLandingPathSignedIn()
    {
        await using var session = await BrowserSession.OpenAsync(browser, "oidc-landing");
        await session.RunAsync(async () =>
        {
            var tab = await session.NewTabAsync();
            await tab.GotoAsync(new Uri(browser.System.Gateway.Auth, "/login"));
            await Expect(tab.Page.Locator("#username")).ToBeVisibleAsync();

            // Every redirect the tab's top frame follows from the click on, by status and address.
            var redirects = new ConcurrentQueue<string>();
            tab.Page.Response += (_, response) =>
            {
                if (response.Status is >= 300 and < 400 && response.Request.IsNavigationRequest && response.Frame == tab.Page.MainFrame)
                {
                    redirects.Enqueue($"{response.Status} {response.Url}");
                }
            };

            await tab.SignInWithProviderAsync("alice");

            var landing = new Uri(browser.System.Gateway.Auth, Topology.DefaultLandingPath);
            await tab.ExpectReadyAsync(landing);
            Assert.Equal("alice@example.com", await tab.UserAsync());
            Assert.Equal(200, await tab.JwtStatusAsync(Topology.AuthOrigin));
            Assert.True(redirects.Count <= MaxRedirects, $"{redirects.Count} redirects:\n{string.Join('\n', redirects)}");
            TestContext.Current.SendDiagnosticMessage($"{redirects.Count} redirects: {string.Join(" → ", redirects)}");
            await BrowserSession.SaveScreenshotAsync(tab.Page, "oidc-default-landing");
        });
    }
}
