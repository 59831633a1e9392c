using System.Text.RegularExpressions;
using AtotiAuth.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// A tab on the sample UI (samples/remote-ui) or on the pages it sends the browser to: the JWT
/// server's login page and the OpenID provider's. Waits are on the page's own state attributes.
/// </summary>
internal sealed partial class UiPage(IPage page)
{
    private static readonly PageAssertionsToHaveURLOptions Patient = new() { Timeout = 45_000 };
    private static readonly LocatorAssertionsToHaveAttributeOptions PatientAttribute = new() { Timeout = 45_000 };

    public IPage Page { get; } = page;

    public async Task GotoAsync(Uri url) => await Page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });

    /// <summary>Waits for the JWT server's login page (reached from the UI's 401 with the UI's address to come back to).</summary>
    public async Task ExpectLoginPageAsync(string redirectUrl)
    {
        await Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape($"{Topology.AuthOrigin}/login?redirectUrl={Uri.EscapeDataString(redirectUrl)}") + "$"), Patient);
        await Expect(Page.Locator("#username")).ToBeVisibleAsync();
    }

    /// <summary>Signs in with the form (basic users and LDAP users alike).</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.Locator("#username").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>The OpenID provider's own login page, reached through the login page's provider link.</summary>
    public async Task SignInWithProviderAsync(string account, Func<Task>? onProviderPage = null)
    {
        await Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Test provider" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(Topology.IdpOrigin) + "/interaction/"), Patient);
        if (onProviderPage is not null)
        {
            await onProviderPage();
        }

        await Page.Locator("input[name=login]").FillAsync(account);
        await Page.Locator("input[name=password]").FillAsync("any password");
        await Page.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>Waits until the UI is signed in and every cube is pinged and its socket open.</summary>
    public async Task ExpectReadyAsync(Uri uiUrl)
    {
        await Expect(Page).ToHaveURLAsync(uiUrl.ToString(), Patient);
        await ExpectStateAsync("ready");
        foreach (var (cube, _) in Topology.Cubes)
        {
            await Expect(Cube(cube)).ToHaveAttributeAsync("data-ping", "ok", PatientAttribute);
            await Expect(Cube(cube)).ToHaveAttributeAsync("data-socket", "open", PatientAttribute);
        }
    }

    public ILocator Cube(string cube) => Page.Locator($"#cube-{cube}");

    public async Task<string> UserAsync() => (await Page.Locator("#user").TextContentAsync() ?? "").Trim();

    public async Task<IReadOnlyList<string>> RolesAsync() => [.. (await Page.Locator("#roles li").AllTextContentsAsync()).Select(static r => r.Trim())];

    /// <summary>Waits until a cube's socket has delivered at least <paramref name="count"/> messages.</summary>
    public async Task ExpectMessagesAsync(string cube, int count)
        => await Page.WaitForFunctionAsync(
            "([id, n]) => Number(document.getElementById(id)?.dataset.messages ?? 0) >= n",
            new object[] { $"cube-{cube}", count },
            new PageWaitForFunctionOptions { Timeout = 45_000, PollingInterval = 100 });

    public async Task<int> MessagesAsync(string cube) => int.Parse(await Cube(cube).GetAttributeAsync("data-messages") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until the UI has renewed its token <paramref name="count"/> times (a token lives a minute here).</summary>
    public async Task ExpectRenewalsAsync(int count)
        => await Page.WaitForFunctionAsync(
            "n => Number(document.body.dataset.renewals ?? 0) >= n",
            count,
            new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 250 });

    public async Task ExpectSocketClosedAsync(string cube)
        => await Expect(Cube(cube)).ToHaveAttributeAsync("data-socket", "closed", PatientAttribute);

    public async Task ExpectStateAsync(string state)
        => await Expect(Page.Locator("body")).ToHaveAttributeAsync("data-state", state, PatientAttribute);

    public async Task SignOutAsync() => await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).ClickAsync();

    /// <summary>What <c>/jwt</c> answers this tab now (the UI's own call, with credentials).</summary>
    public async Task<int> JwtStatusAsync(string jwtServer)
        => await Page.EvaluateAsync<int>("url => fetch(url + '/jwt', { credentials: 'include', cache: 'no-store' }).then(r => r.status)", jwtServer);

    /// <summary>A REST call to a cube from the page, with the cookies it holds and no JWT: what a forged cross-site call would carry.</summary>
    public async Task<int> CubeFetchStatusAsync(string cube)
        => await Page.EvaluateAsync<int>(
            "url => fetch(url, { credentials: 'include', cache: 'no-store' }).then(r => r.status)",
            $"https://{cube}.{Topology.Domain}{Topology.RestPath(cube)}");

    /// <summary>Opens the cube's WebSocket from the page with the cookies it holds: <c>open</c>, or <c>refused</c>.</summary>
    public async Task<string> CubeSocketAttemptAsync(string cube)
        => await Page.EvaluateAsync<string>(
            """
            url => new Promise(resolve => {
              const socket = new WebSocket(url);
              socket.onopen = () => { socket.close(); resolve("open"); };
              socket.onerror = () => resolve("refused");
              socket.onclose = () => resolve("refused");
            })
            """,
            $"wss://{cube}.{Topology.Domain}{Topology.StreamPath(cube)}");
}
