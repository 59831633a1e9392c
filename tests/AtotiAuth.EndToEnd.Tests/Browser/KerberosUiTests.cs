using AtotiAuth.EndToEnd.Tests.Infrastructure;

namespace AtotiAuth.EndToEnd.Tests.Browser;

/// <summary>
/// Kerberos single sign-on in Chromium (issue 15): a user whose desktop login left a ticket cache opens
/// the remote UI and is signed in through the gateway with no password typed; the cubes see the Kerberos
/// user and the roles mapped from its directory groups. Its own Chromium, since a ticket cache is
/// process-wide and the other browser tests type passwords.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class KerberosUiTests(BrowserFixture browser)
{
    private const string AuthHost = $"auth.{Topology.Domain}";

    [Fact]
    public async Task RemoteUi_TicketCache_SignsInWithoutAPasswordWithTheMappedRoles()
    {
        browser.EnsureAvailable();
        KerberosTicketCache.EnsureAvailable();
        var system = browser.System;
        var ct = TestContext.Current.CancellationToken;

        // alice's ticket-granting ticket, got on the host; Chromium asks the KDC for the service ticket
        // from wherever it runs (the gateway's network namespace reaches the KDC by its address there).
        var cache = system.WriteRunFile("kerberos/alice.ccache", "");
        var hostConfig = system.WriteRunFile("kerberos/krb5-host.conf", system.Kdc.GetClientConfiguration());
        await KerberosTicketCache.CreateAsync($"alice@{Topology.KerberosRealm}", "alice-pass", hostConfig, cache, ct);
        var chromiumConfig = system.WriteRunFile(
            "kerberos/krb5-chromium.conf",
            system.Kdc.GetClientConfiguration(browser.Launch!.InGatewayNetwork ? $"{system.Kdc.IpAddress}:88" : null));

        // Chromium's Kerberos settings, as an administrator's AuthServerAllowlist and
        // DisableAuthNegotiateCnameLookup policies set them (docs/kerberos.md): in Local State, where
        // Chromium keeps them. Without the second, it asks for a ticket for the address the host name
        // resolved to.
        var profile = system.WriteRunFile(
            "kerberos/chromium/Local State",
            $$$"""{"auth":{"server_allowlist":"{{{AuthHost}}}","disable_negotiate_cname_lookup":true}}""");
        var context = await browser.LaunchWithProfileAsync(
            Path.GetDirectoryName(profile)!,
            new Dictionary<string, string> { ["KRB5_CONFIG"] = chromiumConfig, ["KRB5CCNAME"] = "FILE:" + cache });
        await using var session = BrowserSession.Of(context, "remote-kerberos");
        await session.RunAsync(async () =>
        {
            var tab = await session.NewTabAsync();

            // Chromium (156, Debian) loads its GSSAPI library at the first Negotiate challenge after it
            // starts and answers that one as unsupported (ERR_UNSUPPORTED_AUTH_SCHEME in its net log): a
            // desktop browser has long met one. Here one is met before the user's visit.
            await tab.GotoAsync(new Uri(system.Gateway.Auth, "/login"));

            var posts = new List<string>();
            tab.Page.Request += (_, request) =>
            {
                if (request.Method == "POST")
                {
                    posts.Add(request.Url);
                }
            };

            await tab.GotoAsync(system.Gateway.Ui);

            await tab.ExpectReadyAsync(system.Gateway.Ui);
            Assert.DoesNotContain(posts, static url => url.Contains("/login", StringComparison.Ordinal));
            Assert.Equal("alice", await tab.UserAsync());
            Assert.Equal(["ROLE_KERBEROS", "ROLE_USER"], (await tab.RolesAsync()).Order(StringComparer.Ordinal));
            foreach (var (cube, _) in Topology.Cubes)
            {
                Assert.Equal("alice", await tab.Cube(cube).GetAttributeAsync("data-whoami"));
                Assert.Equal("alice (ROLE_KERBEROS, ROLE_USER)", await tab.Page.Locator($"#cube-{cube}-whoami").TextContentAsync());
                await tab.ExpectMessagesAsync(cube, await tab.MessagesAsync(cube) + 5);
            }

            await BrowserSession.SaveScreenshotAsync(tab.Page, "remote-ui-kerberos");
        });
    }
}
