using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AtotiAuth.Integration.Tests.Identity;
using AtotiAuth.Testing;

namespace AtotiAuth.Integration.Tests.Ldap;

/// <summary>
/// The identity service with the LDAP provider against a real OpenLDAP (StartTLS, the test CA), and
/// the token service on the same Redis prefix to read the session's roles from <c>/jwt</c>.
/// Basic users: <c>tech</c> (ROLE_USER) and <c>admin</c> (ROLE_ADMIN), so no name clashes with the directory.
/// </summary>
public sealed class LdapTestApp : IAsyncDisposable
{
    public const string TechUser = "tech";

    private readonly TokenApp _token;
    private readonly string _caFile;

    private LdapTestApp(IdentityApp identity, TokenApp token, string caFile)
    {
        Identity = identity;
        _token = token;
        _caFile = caFile;
    }

    public IdentityApp Identity { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>StartTLS to 127.0.0.1 (a name in the server certificate), service account, ou=people and ou=groups, ROLE_ATOTI_USER → ROLE_USER.</summary>
    public static async Task<LdapTestApp> StartAsync(
        RedisFixture redis, OpenLdapFixture ldap, IReadOnlyDictionary<string, string?>? overrides = null, int? port = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
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

        var identity = new IdentityApp(redis, settings, services: services);
        return new LdapTestApp(identity, new TokenApp(redis, identity.KeyPrefix), caFile);
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

    /// <summary><c>GET /login</c> with <c>Authorization: Basic</c>, as a script logs in, from <paramref name="clientAddress"/> when given.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string userName, string password, string? clientAddress = null)
    {
        using var client = Identity.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Authorization = IdentityApp.Basic(userName, password);
        if (clientAddress is not null)
        {
            request.Headers.Add(IdentityApp.ClientAddressHeader, clientAddress);
        }

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
        var answer = await _token.JwtAsync(cookie);
        return (answer.Status, answer.Roles, answer.Subject);
    }

    /// <summary>The token service beside the identity service.</summary>
    public TokenApp Token => _token;

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
