using System.Net;
using System.Text.Json.Nodes;
using AtotiAuth.Integration.Tests.Identity;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Kerberos;

/// <summary>
/// How <c>GET /login</c> offers Kerberos beside each login mode, and what it answers a token GSSAPI
/// refuses, on the identity service in process (tickets from a real KDC: AtotiAuth.Testcontainers.Tests/Kerberos).
/// </summary>
public sealed class KerberosChallengeTests(RedisFixture redis) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("atotiauth-kerberos-challenge-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Login_BasicModeWithoutCredentials_OffersNegotiateBesideBasic()
    {
        await using var app = App("Basic");
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/login", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["Basic", "Negotiate"], response.Headers.WwwAuthenticate.Select(static c => c.Scheme).Order(StringComparer.Ordinal));
        Assert.Equal("missing_credentials", await CodeAsync(response));
    }

    [Fact]
    public async Task Login_FormModeBrowserWithoutTicket_TheFormWith401AndNoError()
    {
        await using var app = App("Form");
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login?redirectUrl=%2Fui%2F") { Headers = { Accept = { new("text/html") } } };

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Negotiate", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("name=\"redirectUrl\" value=\"/ui/\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-code", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Negotiate YWJj")]
    [InlineData("Negotiate not*base64")]
    public async Task Login_TokenGssapiRefuses_401WithItsCodeAndNoNewOffer(string authorization)
    {
        await using var app = App("Form");
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("kerberos_ticket_invalid", await CodeAsync(response));
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Login_KerberosOff_FormAsBefore()
    {
        await using var app = new IdentityApp(redis);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/login", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    private IdentityApp App(string loginMode) => new(redis, new Dictionary<string, string?>
    {
        ["AtotiAuth:Identity:LoginMode"] = loginMode,
        ["AtotiAuth:Identity:Kerberos:ServicePrincipal"] = "HTTP/auth.example.test",
        ["AtotiAuth:Identity:Kerberos:Keytab"] = new TestKeytab().Key("EXAMPLE.TEST", ["HTTP", "auth.example.test"], kvno: 1).WriteTo(_folder.FullName),
    });

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
        => JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))?["code"]?.GetValue<string>();
}
