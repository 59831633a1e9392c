using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AtotiAuth.Integration.Tests.Identity;
using AtotiAuth.Testing;
using AtotiAuth.Token;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AtotiAuth.Integration.Tests.Ldap;

/// <summary>
/// The identity service with the LDAP provider against a real OpenLDAP (StartTLS, the test CA), and
/// the token service on the same Redis prefix to read the session's roles from <c>/jwt</c>.
/// Basic users: <c>tech</c> (ROLE_USER) and <c>admin</c> (ROLE_ADMIN), so no name clashes with the directory.
/// </summary>
public sealed class LdapTestApp : IAsyncDisposable
{
    public const string TechUser = "tech";

    private readonly WebApplicationFactory<TokenServiceMarker> _token;
    private readonly string _caFile;

    private LdapTestApp(IdentityApp identity, WebApplicationFactory<TokenServiceMarker> token, string caFile)
    {
        Identity = identity;
        _token = token;
        _caFile = caFile;
    }

    public IdentityApp Identity { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>StartTLS to 127.0.0.1 (a name in the server certificate), service account, ou=people and ou=groups, ROLE_ATOTI_USER → ROLE_USER.</summary>
    public static async Task<LdapTestApp> StartAsync(RedisFixture redis, OpenLdapFixture ldap, IReadOnlyDictionary<string, string?>? overrides = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(ldap);
        redis.EnsureAvailable();
        ldap.EnsureAvailable();
        var caFile = Path.Combine(Path.GetTempPath(), $"atotiauth-test-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(caFile, await ldap.ReadCaCertificateAsync(Ct), Ct);
        var settings = Settings(port ?? ldap.Port, caFile);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var identity = new IdentityApp(redis, settings);
        var token = new WebApplicationFactory<TokenServiceMarker>().WithWebHostBuilder(b =>
        {
            b.UseSetting("AtotiAuth:Store:Redis", redis.ConnectionString);
            b.UseSetting("AtotiAuth:Store:KeyPrefix", identity.KeyPrefix);
            b.UseSetting("AtotiAuth:Token:Issuer", IdentityApp.BaseAddress.ToString());
            b.UseSetting("AtotiAuth:Token:Signing:GenerateEphemeralKey", "true");
        });
        return new LdapTestApp(identity, token, caFile);
    }

    public static Dictionary<string, string?> Settings(int port, string caFile) => new()
    {
        ["AtotiAuth:Identity:Users:0:Name"] = TechUser,
        ["AtotiAuth:Identity:Ldap:Url"] = $"ldap://127.0.0.1:{port}",
        ["AtotiAuth:Identity:Ldap:StartTls"] = "true",
        ["AtotiAuth:Identity:Ldap:CaCertificateFile"] = caFile,
        ["AtotiAuth:Identity:Ldap:BaseDn"] = OpenLdapFixture.BaseDn,
        ["AtotiAuth:Identity:Ldap:ManagerDn"] = OpenLdapFixture.ServiceDn,
        ["AtotiAuth:Identity:Ldap:ManagerPassword"] = OpenLdapFixture.ServicePassword,
        ["AtotiAuth:Identity:Ldap:UserSearchBase"] = "ou=people",
        ["AtotiAuth:Identity:Ldap:GroupSearchBase"] = "ou=groups",
        ["AtotiAuth:Identity:Ldap:ConnectTimeout"] = "00:00:03",
        ["AtotiAuth:Identity:Ldap:OperationTimeout"] = "00:00:05",
        ["AtotiAuth:Identity:Ldap:RoleMapping:ROLE_ATOTI_USER:0"] = "ROLE_USER",
    };

    /// <summary><c>GET /login</c> with <c>Authorization: Basic</c>, as a script logs in.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string userName, string password)
    {
        using var client = Identity.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Authorization = IdentityApp.Basic(userName, password);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>Logs in and calls <c>/jwt</c> with the session: the status and the token's <c>authorities</c>.</summary>
    public async Task<(HttpStatusCode Status, string[] Roles, string? Subject)> LoginAndGetJwtAsync(string userName, string password)
    {
        using var login = await LoginAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return await JwtAsync(IdentityApp.SessionSetCookie(login)!.Split(';')[0]);
    }

    public async Task<(HttpStatusCode Status, string[] Roles, string? Subject)> JwtAsync(string cookie)
    {
        using var client = _token.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = IdentityApp.BaseAddress, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/jwt");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, Ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, [], null);
        }

        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["token"]!.GetValue<string>();
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        var claims = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)))!;
        var roles = claims["authorities"]!.AsArray().Select(static r => r!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        return (HttpStatusCode.OK, roles, claims["sub"]?.GetValue<string>());
    }

    /// <summary>An admin API call as the basic admin.</summary>
    public async Task PutAsync(string path, string[] roles)
    {
        using var client = Identity.CreateClient();
        client.DefaultRequestHeaders.Authorization = IdentityApp.Basic("admin", IdentityApp.AdminPassword);
        using var response = await client.PutAsJsonAsync(new Uri(path, UriKind.Relative), new { roles }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The stable code of a problem body.</summary>
    public static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return JsonNode.Parse(body)?["code"]?.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await _token.DisposeAsync();
        await Identity.DisposeAsync();
        File.Delete(_caFile);
    }
}
