using System.Net;
using AtotiAuth.Identity;
using AtotiAuth.Integration.Tests.Identity;
using AtotiAuth.Testing;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace AtotiAuth.Integration.Tests.Ldap;

/// <summary>
/// A directory that stops and comes back, on a container of its own (the shared one is not
/// disturbed) bound to a fixed host port, so the service's URL stays right across the restart.
/// </summary>
public sealed class LdapOutageTests(RedisFixture redis, OpenLdapFixture ldap)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Login_DirectoryStoppedThenRestarted_503ThenLdapLoginsWorkAgain() => WithOwnDirectoryAsync(async (directory, port, caFile) =>
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Ldap:CaCertificateFile"] = caFile,
        }, port);
        using (var before = await app.LoginAsync("alice", "alice-pass"))
        {
            Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        }

        await directory.StopAsync(Ct);
        using var down = await app.LoginAsync("alice", "alice-pass");
        using var downForm = await FormLoginAsync(app);
        using var basicWhileDown = await app.LoginAsync(LdapTestApp.TechUser, IdentityApp.AlicePassword);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("directory_unavailable", await LdapTestApp.CodeAsync(down));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, downForm.StatusCode);
        Assert.Contains("data-code=\"directory_unavailable\"", await downForm.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, basicWhileDown.StatusCode);

        // The container's log already holds "slapd ready" from its first start, so the wait returns
        // before slapd listens again: poll, with a generous bound, until the service logs alice in.
        await directory.StartAsync(Ct);
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 100 && status == HttpStatusCode.ServiceUnavailable; attempt++)
        {
            using var after = await app.LoginAsync("alice", "alice-pass");
            status = after.StatusCode;
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(200, Ct);
            }
        }

        Assert.Equal(HttpStatusCode.Redirect, status);
    });

    [Fact]
    public Task Login_BasicUserWhileDirectoryHangs_NotHeldByTheDirectorysSearch() => WithOwnDirectoryAsync(async (directory, port, caFile) =>
    {
        await using var app = await LdapTestApp.StartAsync(redis, ldap, new Dictionary<string, string?>
        {
            ["AtotiAuth:Identity:Ldap:CaCertificateFile"] = caFile,
            ["AtotiAuth:Identity:Ldap:OperationTimeout"] = "00:02:00",
        }, port);
        using (var first = await app.LoginAsync("alice", "alice-pass"))
        {
            // Leaves the service connection idle in the pool: the next login starts its search there.
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        await directory.PauseAsync(Ct);
        try
        {
            // The directory keeps its connections open and answers nothing, for longer than this client
            // waits: the search started for this login hangs, and the basic login must not wait for it.
            using var client = app.Identity.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(30);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
            request.Headers.Authorization = IdentityApp.Basic(LdapTestApp.TechUser, IdentityApp.AlicePassword);
            using var basic = await client.SendAsync(request, Ct);

            Assert.Equal(HttpStatusCode.Redirect, basic.StatusCode);
        }
        finally
        {
            await directory.UnpauseAsync(Ct);
        }

        using var after = await app.LoginAsync("alice", "alice-pass");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    });

    /// <summary>Runs <paramref name="test"/> against a directory container of its own on a fixed host port, its CA in a file.</summary>
    private async Task WithOwnDirectoryAsync(Func<IContainer, int, string, Task> test)
    {
        ldap.EnsureAvailable();
        var port = FreePort.Next();
        await using var directory = new ContainerBuilder(TestImages.OpenLdap)
            .WithPortBinding(port, 389)
            .WithEnvironment("LDAP_LOG_LEVEL", "0")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("slapd ready"))
            .Build();
        await directory.StartAsync(Ct);
        var ca = System.Text.Encoding.ASCII.GetString(await directory.ReadFileAsync("/certs/ca.crt", Ct));
        var caFile = Path.Combine(Path.GetTempPath(), $"atotiauth-outage-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(caFile, ca, Ct);
        try
        {
            await test(directory, port, caFile);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    private static async Task<HttpResponseMessage> FormLoginAsync(LdapTestApp app)
    {
        using var browser = app.Identity.CreateClient();
        return await IdentityApp.LoginWithFormAsync(browser, "alice", "alice-pass");
    }
}
