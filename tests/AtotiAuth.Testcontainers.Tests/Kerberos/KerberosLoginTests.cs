using System.Net;

namespace AtotiAuth.Testcontainers.Tests.Kerberos;

/// <summary>
/// Kerberos logins against the identity image (issue 15): a real KDC, tickets got by the test process as
/// .NET's HttpClient gets them, the session's JWT from the token service. Every refusal is a 401 with
/// its stable code.
/// </summary>
[Collection(nameof(KerberosTests))]
public sealed class KerberosLoginTests(KerberosFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Uri Identity => fixture.System.Identities[0].GetBaseAddress();

    [Fact]
    public async Task Login_HttpClientWithKerberosCredentials_GetsAJwtWithTheMappedRoles()
    {
        KerberosFixture.EnsureAvailable();
        using var client = KerberosHttp.Client(new NetworkCredential(KerberosFixture.Alice, KerberosFixture.AlicePassword));

        using var login = await KerberosHttp.LoginAsync(client, Identity);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/ui/", login.Headers.Location?.OriginalString);
        var session = KerberosHttp.Session(login);
        Assert.NotNull(session);
        var (subject, roles) = await fixture.JwtOfAsync(session, Ct);
        Assert.Equal("alice", subject);

        // Mapped from her user name and from her directory group ROLE_ATOTI_USER.
        Assert.Equal(["ROLE_FROM_LDAP", "ROLE_TRADER", "ROLE_USER"], roles);
    }

    [Fact]
    public async Task Login_ModuleLoginOfAUserWithoutMappedRoles_GetsTheDefaultRoles()
    {
        KerberosFixture.EnsureAvailable();

        var session = await fixture.System.Identities[1].LoginWithKerberosAsync(KerberosFixture.Bob, KerberosFixture.BobPassword, Ct);

        var (subject, roles) = await fixture.JwtOfAsync(session, Ct);
        Assert.Equal("bob", subject);
        Assert.Equal(["ROLE_SSO", "ROLE_USER"], roles);
    }

    [Fact]
    public async Task Login_ServersLastToken_ProvesTheServiceToTheClient()
    {
        KerberosFixture.EnsureAvailable();
        using var kerberos = KerberosClient.Start(KerberosFixture.Alice, KerberosFixture.AlicePassword, KerberosFixture.Service);
        using var client = KerberosHttp.Client();

        using var login = await KerberosHttp.LoginAsync(client, Identity, kerberos.Token);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.True(kerberos.Finish(KerberosHttp.ServerToken(login) ?? []), "the 302 carries no WWW-Authenticate token that mutually authenticates the service");
    }

    [Fact]
    public async Task Login_NoTicket_401OfferingNegotiateWithItsCode()
    {
        KerberosFixture.EnsureAvailable();
        using var client = KerberosHttp.Client();

        using var login = await KerberosHttp.LoginAsync(client, Identity);

        Assert.Equal((HttpStatusCode.Unauthorized, "missing_credentials"), await KerberosHttp.RefusalAsync(login));
        Assert.Contains(login.Headers.WwwAuthenticate, static c => c.Scheme == "Negotiate" && c.Parameter is null);
    }

    [Fact]
    public async Task Login_NoTicketFromABrowser_TheFormWith401AndTheOffer()
    {
        KerberosFixture.EnsureAvailable();
        using var client = KerberosHttp.Client();

        using var login = await KerberosHttp.LoginAsync(client, Identity, accept: "text/html");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("text/html", login.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"password\"", await login.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains(login.Headers.WwwAuthenticate, static c => c.Scheme == "Negotiate");
    }

    [Theory]
    [InlineData(KerberosFixture.Alice, "not-alice-pass", "missing_credentials")] // the KDC refuses: no ticket to send
    [InlineData(KerberosFixture.Carol, KerberosFixture.CarolPassword, "kerberos_user_unknown")] // in the realm, not in the directory
    public async Task Login_RefusedUser_401WithItsCode(string principal, string password, string code)
    {
        KerberosFixture.EnsureAvailable();
        using var client = KerberosHttp.Client(new NetworkCredential(principal, password));

        using var login = await KerberosHttp.LoginAsync(client, Identity);

        Assert.Equal((HttpStatusCode.Unauthorized, code), await KerberosHttp.RefusalAsync(login));
        Assert.Null(KerberosHttp.Session(login));
    }

    [Fact]
    public async Task Login_TicketForAnotherPrincipalOfTheKeytab_Refused()
    {
        KerberosFixture.EnsureAvailable();

        // The mounted keytab holds HTTP/other.example.test's keys too; the service accepts its own principal only.
        using var kerberos = KerberosClient.Start(KerberosFixture.Alice, KerberosFixture.AlicePassword, KerberosFixture.OtherService);
        using var client = KerberosHttp.Client();

        using var login = await KerberosHttp.LoginAsync(client, Identity, kerberos.Token);

        Assert.Equal((HttpStatusCode.Unauthorized, "kerberos_ticket_invalid"), await KerberosHttp.RefusalAsync(login));
        Assert.DoesNotContain(login.Headers.WwwAuthenticate, static c => c.Scheme == "Negotiate");
    }

    [Fact]
    public async Task Login_ReplayedToken_RefusedByTheSameAndTheOtherReplica()
    {
        KerberosFixture.EnsureAvailable();
        using var kerberos = KerberosClient.Start(KerberosFixture.Alice, KerberosFixture.AlicePassword, KerberosFixture.Service);
        using var client = KerberosHttp.Client();
        using var first = await KerberosHttp.LoginAsync(client, fixture.System.Identities[0].GetBaseAddress(), kerberos.Token);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var again = await KerberosHttp.LoginAsync(client, fixture.System.Identities[0].GetBaseAddress(), kerberos.Token);
        using var elsewhere = await KerberosHttp.LoginAsync(client, fixture.System.Identities[1].GetBaseAddress(), kerberos.Token);

        Assert.Equal((HttpStatusCode.Unauthorized, "kerberos_ticket_replayed"), await KerberosHttp.RefusalAsync(again));
        Assert.Equal((HttpStatusCode.Unauthorized, "kerberos_ticket_replayed"), await KerberosHttp.RefusalAsync(elsewhere));
    }

    [Fact]
    public async Task Login_TwoLegExchange_CompletesOnItsOwnConnectionOnly()
    {
        KerberosFixture.EnsureAvailable();
        using var connection = KerberosHttp.Client();
        using var first = await KerberosHttp.LoginAsync(connection, Identity, Spnego.InitWithoutToken());
        Assert.Equal((HttpStatusCode.Unauthorized, "kerberos_continue"), await KerberosHttp.RefusalAsync(first));
        Assert.NotNull(KerberosHttp.ServerToken(first));

        // The second leg on another connection finds no exchange to continue.
        using (var elsewhere = KerberosHttp.Client())
        using (var kerberos = KerberosClient.Start(KerberosFixture.Alice, KerberosFixture.AlicePassword, KerberosFixture.Service, "Kerberos"))
        {
            using var stray = await KerberosHttp.LoginAsync(elsewhere, Identity, Spnego.ResponseWith(kerberos.Token));
            Assert.Equal((HttpStatusCode.Unauthorized, "kerberos_ticket_invalid"), await KerberosHttp.RefusalAsync(stray));
        }

        using var second = KerberosClient.Start(KerberosFixture.Alice, KerberosFixture.AlicePassword, KerberosFixture.Service, "Kerberos");
        using var completed = await KerberosHttp.LoginAsync(connection, Identity, Spnego.ResponseWith(second.Token));
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.NotNull(KerberosHttp.Session(completed));
    }
}
