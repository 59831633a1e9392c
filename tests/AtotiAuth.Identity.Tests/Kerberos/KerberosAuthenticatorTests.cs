using System.Text;
using AtotiAuth.Identity.Kerberos;
using AtotiAuth.Identity.Login;
using AtotiAuth.Identity.Roles;
using AtotiAuth.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Identity.Tests.Kerberos;

/// <summary>
/// What a Kerberos login decides around the GSSAPI exchange, on the identity service's own services with
/// the in-memory store (the exchange itself is tested against a real KDC in
/// AtotiAuth.Testcontainers.Tests/Kerberos): single use of a token, failures counted by the login
/// throttle, realms, user names, roles.
/// </summary>
public sealed class KerberosAuthenticatorTests : IDisposable
{
    private const string Address = "192.0.2.7";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("atotiauth-kerberos-authenticator-");
    private readonly IHost _host;

    public KerberosAuthenticatorTests()
    {
        var keytab = new TestKeytab().Key("EXAMPLE.COM", ["HTTP", "auth.example.com"], kvno: 1).WriteTo(_folder.FullName);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:AllowInMemory"] = "true",
            ["AtotiAuth:Identity:Throttling:MaxFailuresPerAddress"] = "3",
            ["AtotiAuth:Identity:Kerberos:ServicePrincipal"] = "HTTP/auth.example.com",
            ["AtotiAuth:Identity:Kerberos:Keytab"] = keytab,
            ["AtotiAuth:Identity:Kerberos:UsernameCaseConversion"] = "Lower",
        });
        builder.AddIdentityService();
        _host = builder.Build();
    }

    private KerberosAuthenticator Authenticator => _host.Services.GetRequiredService<KerberosAuthenticator>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Token(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public async Task Admit_SameTokenTwice_SecondIsAReplay()
    {
        Assert.Null(await Authenticator.AdmitAsync(Token("one"), Address, Ct));

        Assert.Equal("kerberos_ticket_replayed", (await Authenticator.AdmitAsync(Token("one"), "198.51.100.1", Ct))?.Code);
    }

    [Fact]
    public async Task Admit_AfterTheAddressesFailedExchanges_Locked()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await Authenticator.AdmitAsync(Token($"refused-{i}"), Address, Ct));
            await Authenticator.RefuseAsync(Token($"refused-{i}"), "GSSAPI answered GenericFailure", Address, Ct);
        }

        Assert.Equal("login_locked", (await Authenticator.AdmitAsync(Token("fresh"), Address, Ct))?.Code);
        Assert.Null(await Authenticator.AdmitAsync(Token("fresh elsewhere"), "198.51.100.1", Ct));
    }

    [Fact]
    public async Task Complete_UserOfTheServicesRealm_RealmStrippedCaseConvertedDefaultRoles()
    {
        await _host.Services.GetRequiredService<IRoleStore>().SetDefaultRolesAsync(KerberosAuthenticator.Provider, ["ROLE_USER"], Ct);

        var (outcome, code) = await Authenticator.CompleteAsync("Alice@EXAMPLE.COM", Address, Ct);

        Assert.Null(code);
        Assert.Equal((LoginOutcomeKind.Success, "alice", KerberosAuthenticator.Provider), (outcome.Kind, outcome.UserName, outcome.Provider));
        Assert.Equal(["ROLE_USER"], outcome.Roles);
    }

    [Fact]
    public async Task Complete_UserOfAnotherRealm_RefusedAndCounted()
    {
        for (var i = 0; i < 3; i++)
        {
            var (outcome, code) = await Authenticator.CompleteAsync("mallory@PARTNER.EXAMPLE", Address, Ct);
            Assert.Equal((LoginOutcomeKind.Invalid, "kerberos_realm_refused"), (outcome.Kind, code?.Code));
        }

        Assert.Equal("login_locked", (await Authenticator.AdmitAsync(Token("after the refusals"), Address, Ct))?.Code);
    }

    public void Dispose()
    {
        _host.Dispose();
        _folder.Delete(recursive: true);
    }
}
