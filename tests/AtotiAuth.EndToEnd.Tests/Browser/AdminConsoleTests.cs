using System.Globalization;
using AtotiAuth.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// Issue 16's admin console in Chromium, through the gateway: an admin signs in by the normal login,
/// creates a user, maps a directory group to a role, sees the user's live session and revokes it, after
/// which the user's cube sockets close; the audit page lists those actions with the admin as actor; the
/// user, not an admin, gets the readable 403 page; links are made and removed there too.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class AdminConsoleTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToHaveTextOptions Patient = new() { Timeout = 30_000 };

    [Fact]
    public async Task Console_AdminCreatesMapsAndRevokes_UserSocketsCloseAndTheAuditNamesTheAdmin()
    {
        await using var adminSession = await BrowserSession.OpenAsync(browser, "admin-console");
        await using var userSession = await BrowserSession.OpenAsync(browser, "admin-console-user");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var userName = "console-" + suffix;
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var group = "ROLE_CONSOLE_" + suffix.ToUpperInvariant();
        var since = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var console = new Uri(browser.System.Gateway.Auth, "/admin/");
        var adminName = browser.System.AdminCredentials.Name;

        await adminSession.RunAsync(() => userSession.RunAsync(async () =>
        {
            var admin = await SignInToConsoleAsync(adminSession);
            var status = admin.Page.Locator("#status");

            await admin.Page.Locator("#new-name").FillAsync(userName);
            await admin.Page.Locator("#new-password").FillAsync(password);
            await Button(admin.Page, "Create user").ClickAsync();
            await Expect(status).ToHaveTextAsync("Created " + userName, Patient);
            await Expect(admin.Page.Locator($"#user-rows tr[data-user='{userName}']")).ToBeVisibleAsync();

            await Button(admin.Page, "Providers").ClickAsync();
            await Expect(admin.Page.Locator("#provider-id")).ToHaveValueAsync("ldap");
            await admin.Page.Locator("#mapping-key").FillAsync(group);
            await admin.Page.Locator("#mapping-roles").FillAsync("ROLE_USER");
            await Button(admin.Page, "Map").ClickAsync();
            await Expect(status).ToHaveTextAsync($"Mapped {group} for ldap", Patient);
            await Expect(admin.Page.Locator("#mapping-rows")).ToContainTextAsync(group);

            // The user signs in to the UI; its cubes' sockets open. The console is not for it.
            var ui = browser.System.Gateway.Ui;
            var user = await userSession.NewTabAsync();
            await user.GotoAsync(ui);
            await user.ExpectLoginPageAsync(ui.ToString());
            await user.SignInAsync(userName, password);
            await user.ExpectReadyAsync(ui);
            var refusal = await userSession.NewTabAsync();
            var refused = await refusal.Page.GotoAsync(console.ToString());
            Assert.Equal(403, refused?.Status);
            await Expect(refusal.Page.Locator("[data-code='missing_role']")).ToBeVisibleAsync();
            await BrowserSession.SaveScreenshotAsync(refusal.Page, "admin-console-refused");

            await Button(admin.Page, "Users").ClickAsync();
            await Button(admin.Page, "Sessions of " + userName).ClickAsync();
            var sessions = admin.Page.Locator("#session-rows tr[data-session]");
            await Expect(sessions).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
            await BrowserSession.SaveScreenshotAsync(admin.Page, "admin-console-sessions");
            var sessionId = await sessions.GetAttributeAsync("data-session");
            await sessions.GetByRole(AriaRole.Button).ClickAsync();
            await Expect(status).ToHaveTextAsync("Revoked a session of " + userName, Patient);
            await Expect(sessions).ToHaveCountAsync(0);
            foreach (var (cube, _) in Topology.Cubes)
            {
                await user.ExpectSocketClosedAsync(cube);
            }

            await Button(admin.Page, "Audit trail").ClickAsync();
            await admin.Page.Locator("#audit-user").FillAsync(adminName);
            await admin.Page.Locator("#audit-since").FillAsync(since);
            await admin.Page.Locator("#audit-filter").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Show" }).ClickAsync();
            foreach (var (action, target) in new[] { ("user.create", userName), ("roles.mapping.set", "ldap/" + group), ("session.revoke", sessionId!) })
            {
                var row = admin.Page.Locator($"#audit-rows tr[data-action='{action}']").Filter(new LocatorFilterOptions { HasText = target });
                await Expect(row).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
                await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(adminName);
                await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("success");
            }

            await BrowserSession.SaveScreenshotAsync(admin.Page, "admin-console-audit");
        }));
    }

    /// <summary>
    /// Links in the console, from the keyboard: a refused link shows the API's code, a link gives the
    /// linked user the target's individual roles at its next login, its removal takes them away, and the
    /// audit page lists the set (refused and done) and the removal with the admin as actor.
    /// </summary>
    [Fact]
    public async Task Console_AdminLinksThenUnlinks_RolesFollowTheLinkAndTheAuditNamesTheAdmin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var adminSession = await BrowserSession.OpenAsync(browser, "admin-console-links");
        var role = "ROLE_LINKED_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var target = await browser.System.Admin.CreateUserAsync("link-target", ct, role);
        using var linked = await browser.System.Admin.CreateUserAsync("link-user", ct);
        var principal = "basic/" + linked.Name;
        var since = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var adminName = browser.System.AdminCredentials.Name;
        Assert.DoesNotContain(role, JwtPayload.Authorities(JwtPayload.Decode(await linked.SignInAsync(ct))));

        await adminSession.RunAsync(async () =>
        {
            var admin = await SignInToConsoleAsync(adminSession);
            var status = admin.Page.Locator("#status");

            await Button(admin.Page, "Links").FocusAsync();
            await admin.Page.Keyboard.PressAsync("Enter");
            await Expect(admin.Page.Locator("#links")).ToBeVisibleAsync();
            await admin.Page.GetByLabel("Principal's provider").FillAsync("basic");
            await admin.Page.GetByLabel("Principal's user name").FillAsync(linked.Name);
            await admin.Page.GetByLabel("Target's provider").FillAsync("basic");
            await admin.Page.GetByLabel("Target's user name").FillAsync(linked.Name);
            await admin.Page.Keyboard.PressAsync("Enter");
            await Expect(status).ToHaveClassAsync("error", new LocatorAssertionsToHaveClassOptions { Timeout = 30_000 });
            await Expect(status).ToContainTextAsync("must name another principal than the one linked. (invalid_request)");
            await BrowserSession.SaveScreenshotAsync(admin.Page, "admin-console-link-refused");

            await admin.Page.GetByLabel("Target's user name").FillAsync(target.Name);
            await admin.Page.Keyboard.PressAsync("Enter");
            await Expect(status).ToHaveTextAsync($"Linked {principal} to basic/{target.Name}", Patient);
            var row = admin.Page.Locator($"#link-rows tr[data-principal='{principal}']");
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("basic/" + target.Name);
            await BrowserSession.SaveScreenshotAsync(admin.Page, "admin-console-links");
            Assert.Contains(role, JwtPayload.Authorities(JwtPayload.Decode(await linked.SignInAsync(ct))));

            await Button(admin.Page, "Remove the link of " + principal).ClickAsync();
            await Expect(status).ToHaveTextAsync("Removed the link of " + principal, Patient);
            await Expect(row).ToHaveCountAsync(0);
            Assert.DoesNotContain(role, JwtPayload.Authorities(JwtPayload.Decode(await linked.SignInAsync(ct))));

            await Button(admin.Page, "Audit trail").ClickAsync();
            await admin.Page.Locator("#audit-user").FillAsync(adminName);
            await admin.Page.Locator("#audit-action").FillAsync("link");
            await admin.Page.Locator("#audit-since").FillAsync(since);
            await admin.Page.Locator("#audit-since").PressAsync("Enter");
            foreach (var (action, outcome) in new[] { ("link.set", "invalid_request"), ("link.set", "success"), ("link.delete", "success") })
            {
                var audited = admin.Page.Locator($"#audit-rows tr[data-action='{action}']")
                    .Filter(new LocatorFilterOptions { HasText = linked.Name })
                    .Filter(new LocatorFilterOptions { Has = admin.Page.Locator("td:nth-child(5)", new PageLocatorOptions { HasTextString = outcome }) });
                await Expect(audited).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
                await Expect(audited.Locator("td").Nth(1)).ToHaveTextAsync(adminName);
                await Expect(audited.Locator("td").Nth(3)).ToHaveTextAsync(linked.Name);
            }

            // The filter holds: the linked user's own logins are neither the admin's nor a link's.
            await Expect(admin.Page.Locator("#audit-rows tr[data-action='login']")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });

            await BrowserSession.SaveScreenshotAsync(admin.Page, "admin-console-links-audit");
        });
    }

    /// <summary>A new tab of <paramref name="session"/> on the console, the admin signed in through the normal login.</summary>
    private async Task<UiPage> SignInToConsoleAsync(BrowserSession session)
    {
        var console = new Uri(browser.System.Gateway.Auth, "/admin/");
        var (adminName, adminPassword) = browser.System.AdminCredentials;
        var admin = await session.NewTabAsync();
        await admin.GotoAsync(console);
        await admin.ExpectLoginPageAsync("/admin/");
        await admin.SignInAsync(adminName, adminPassword);
        await Expect(admin.Page).ToHaveURLAsync(console.ToString(), new() { Timeout = 30_000 });
        // The URL changes before the deferred scripts run; the user list is filled only after they wired
        // the tabs and forms, so a key pressed from here on reaches a handler.
        await Expect(admin.Page.Locator($"#user-rows tr[data-user='{adminName}']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return admin;
    }

    private static ILocator Button(IPage page, string name)
        => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });
}
