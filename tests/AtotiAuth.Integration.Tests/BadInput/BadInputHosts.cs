using System.Net.Http.Headers;
using System.Text.Json;
using AtotiAuth.Identity;
using AtotiAuth.Identity.Users;
using AtotiAuth.Integration.Tests.Identity;
using AtotiAuth.Integration.Tests.Ping;
using AtotiAuth.Ping;
using AtotiAuth.Samples.Cube;
using AtotiAuth.Standalone;
using AtotiAuth.Testing;
using AtotiAuth.Token;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Integration.Tests.BadInput;

/// <summary>
/// Every AtotiAuth service on a real Kestrel port, as deployed: identity with basic users, LDAP (the real
/// OpenLDAP), an OpenID provider (the real one) and the embedded UI; token; a sidecar in front of the
/// sample cube; the standalone host. Identity and token share one Redis prefix, so a login at the one
/// gives the other's <c>/jwt</c> a session. Started once for the fuzz tests.
/// </summary>
public sealed class BadInputHosts(RedisFixture redis, OpenLdapFixture ldap, OidcProviderFixture oidc) : IAsyncLifetime
{
    public const string AdminPassword = "admin-Pa55word-fuzz";

    private readonly List<IAsyncDisposable> _hosts = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("atotiauth-fuzz-").FullName;
    private readonly Dictionary<string, FuzzTarget> _targets = new(StringComparer.Ordinal);

    public FuzzTarget Target(string service)
    {
        redis.EnsureAvailable();
        ldap.EnsureAvailable();
        oidc.EnsureAvailable();
        return _targets[service];
    }

    public async ValueTask InitializeAsync()
    {
        if (redis.UnavailableReason is not null || ldap.UnavailableReason is not null || oidc.UnavailableReason is not null)
        {
            return;
        }

        var ct = TestContext.Current.CancellationToken;
        var prefix = $"fuzz-{Guid.NewGuid():N}:";
        var caFile = Path.Combine(_folder, "ldap-ca.pem");
        await File.WriteAllTextAsync(caFile, await ldap.ReadCaCertificateAsync(ct), ct);
        var uiFolder = Directory.CreateDirectory(Path.Combine(_folder, "ui")).FullName;
        await File.WriteAllTextAsync(Path.Combine(uiFolder, "index.html"), "<!doctype html><title>ui</title>", ct);

        var tokenPort = FreePort.Next();
        var tokenAddress = $"http://127.0.0.1:{tokenPort}";
        var store = new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = redis.ConnectionString,
            ["AtotiAuth:Store:KeyPrefix"] = prefix,
        };
        var token = Add(new KestrelHost<TokenServiceMarker>(
            new Dictionary<string, string?>(store)
            {
                ["AtotiAuth:Token:Issuer"] = tokenAddress,
                ["AtotiAuth:Token:Signing:GenerateEphemeralKey"] = "true",
            },
            tokenPort));

        var identitySettings = new Dictionary<string, string?>(store);
        foreach (var (key, value) in Ldap.LdapTestApp.Settings(ldap.Port, caFile))
        {
            identitySettings[key] = value;
        }

        foreach (var (key, value) in Common(uiFolder))
        {
            identitySettings[key] = value;
        }

        identitySettings["AtotiAuth:Identity:Oidc:AllowInsecureHttp"] = "true";
        identitySettings["AtotiAuth:Identity:Oidc:Providers:oidc:IssuerUrl"] = oidc.Issuer.ToString().TrimEnd('/');
        identitySettings["AtotiAuth:Identity:Oidc:Providers:oidc:ClientId"] = OidcProviderFixture.ClientId;
        identitySettings["AtotiAuth:Identity:Oidc:Providers:oidc:ClientSecret"] = OidcProviderFixture.ClientSecret;
        var identity = Add(new KestrelHost<IdentityServiceMarker>(identitySettings, services: CheapHashes));

        var cube = Add(new KestrelHost<CubeMarker>(new Dictionary<string, string?>()));
        var ping = Add(new KestrelHost<PingServiceMarker>(new Dictionary<string, string?>(store)
        {
            ["AtotiAuth:Jwt:Authority"] = tokenAddress,
            ["AtotiAuth:Jwt:AllowHttpAuthority"] = "true",
            ["AtotiAuth:Ping:CubeUrl"] = cube.Address.ToString().TrimEnd('/'),
            ["AtotiAuth:Ping:CubeId"] = "risk",
            ["AtotiAuth:Ping:CookieName"] = "RISK_CUBE",
            ["AtotiAuth:Cors:AllowedOrigins:0"] = "https://ui.example.test",
        }));

        var standalone = Add(new KestrelHost<StandaloneHostMarker>(Common(uiFolder), services: CheapHashes));

        var admin = IdentityApp.Basic("admin", AdminPassword);
        var jwt = await JwtAsync(identity.Address, token.Address, admin, ct);
        var standaloneJwt = await JwtAsync(standalone.Address, standalone.Address, admin, ct);
        string[] identityCookies = ["ATOTIAUTH_SESSION", "ATOTIAUTH_LOGIN_FORM"];

        _targets["identity"] = new("identity", identity.Address, RouteCatalog.Of(identity.Services, IdentityMiddlewarePaths), identityCookies, [null, admin]);
        _targets["token"] = new("token", token.Address, RouteCatalog.Of(token.Services), ["ATOTIAUTH_SESSION"], [null, Bearer(jwt)]);
        _targets["ping"] = new("ping", ping.Address, RouteCatalog.Of(ping.Services), ["RISK_CUBE"], [null, Bearer(jwt)]);
        _targets["standalone"] = new("standalone", standalone.Address, RouteCatalog.Of(standalone.Services, IdentityMiddlewarePaths), identityCookies, [null, admin, Bearer(standaloneJwt)]);
    }

    /// <summary>Paths answered by middleware (the OpenID Connect handler), not by a mapped endpoint.</summary>
    private static readonly FuzzRoute[] IdentityMiddlewarePaths =
    [
        new("GET", "/login/oauth2/code/oidc"),
        new("POST", "/login/oauth2/code/oidc"),
        new("GET", "/login/oauth2/code/{providerId}"),
    ];

    private static Dictionary<string, string?> Common(string uiFolder) => new()
    {
        ["AtotiAuth:Identity:Users:0:Name"] = "admin",
        ["AtotiAuth:Identity:Users:0:Password"] = AdminPassword,
        ["AtotiAuth:Identity:Users:0:Roles:0"] = "ROLE_ADMIN",
        ["AtotiAuth:Identity:Cookie:Secure"] = "false",
        ["AtotiAuth:Identity:EmbeddedUi:RootPath"] = uiFolder,
    };

    /// <summary>The admin's Basic credentials are checked on every admin request: a cheap hash keeps the run short; input handling is what is tested.</summary>
    private static void CheapHashes(IServiceCollection services)
        => services.PostConfigure<PasswordHasherOptions>(static o => o.IterationCount = 1_000);

    private static AuthenticationHeaderValue Bearer(string jwt) => new("Bearer", jwt);

    private static async Task<string> JwtAsync(Uri identity, Uri token, AuthenticationHeaderValue admin, CancellationToken ct)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var login = new HttpRequestMessage(HttpMethod.Get, new Uri(identity, "/login"));
        login.Headers.Authorization = admin;
        using var loggedIn = await http.SendAsync(login, ct);
        var cookie = IdentityApp.SessionSetCookie(loggedIn) ?? throw new InvalidOperationException($"no session from {identity}: {loggedIn.StatusCode}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(token, "/jwt"));
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("token").GetString()!;
    }

    private T Add<T>(T host)
        where T : IAsyncDisposable
    {
        _hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
