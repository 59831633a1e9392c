using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using AtotiAuth.Ping;
using AtotiAuth.Samples.Cube;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Testing;
using AtotiAuth.Token;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AtotiAuth.Integration.Tests.Ping;

/// <summary>
/// The token service, the sample cube and two sidecars in front of it (cubes <c>risk</c> and <c>pnl</c>,
/// on one host, so with distinct cookie names), on real ports, against one Redis with its own key prefix.
/// Sidecar <c>risk</c> writes its cookie as a cross-site remote UI needs it (Secure, SameSite=None);
/// <c>pnl</c> as a plain-HTTP local run (not Secure, Strict). A third sidecar fronts the Atoti stand-in.
/// </summary>
public sealed class PingDeployment : IAsyncDisposable
{
    public const string UiOrigin = "https://ui.example.test";
    public const string RiskCookie = "RISK_CUBE";
    public const string PnlCookie = "PNL_CUBE";
    public const string AtotiCookie = "ATOTI_CUBE";
    public const string AtotiServerCookie = "ATOTISERVER_JSESSIONID";

    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("atotiauth-ping-keys-").FullName;
    private readonly List<IAsyncDisposable> _hosts = [];
    private readonly string _privateKeyPem;
    private readonly string _redis;
    private readonly string _keyPrefix;
    private readonly string _issuer;

    private PingDeployment(string redis, string keyPrefix, TimeSpan feedLossGrace)
    {
        _redis = redis;
        _keyPrefix = keyPrefix;
        string publicKey;
        using (var rsa = RSA.Create(2048))
        {
            _privateKeyPem = rsa.ExportPkcs8PrivateKeyPem();
            File.WriteAllText(Path.Combine(_keyDirectory, "ping-tests.pem"), _privateKeyPem);
            publicKey = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        }

        _issuer = $"http://127.0.0.1:{FreePort.Next()}";

        var issuer = _issuer;
        var issuerPort = new Uri(issuer).Port;
        var common = new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = redis,
            ["AtotiAuth:Store:KeyPrefix"] = keyPrefix,
            ["AtotiAuth:Cors:AllowedOrigins:0"] = UiOrigin,
            ["AtotiAuth:RevocationCache:FeedLossGrace"] = feedLossGrace.ToString("c"),
        };
        var token = new Dictionary<string, string?>(common)
        {
            ["AtotiAuth:Token:Issuer"] = issuer,
            ["AtotiAuth:Token:Signing:KeyDirectory"] = _keyDirectory,
            ["AtotiAuth:Token:Lifetime"] = "00:15:00",
        };

        Token = Add(new KestrelHost<TokenServiceMarker>(token, issuerPort));

        // Same key, same issuer, one hour behind: its tokens expired 45 minutes ago.
        PastToken = Add(new KestrelHost<TokenServiceMarker>(token, 0, static s => s.Replace(
            ServiceDescriptor.Singleton<TimeProvider>(new ShiftedTimeProvider(TimeSpan.FromHours(-1))))));

        // Same key, same issuer, almost one token lifetime (15 minutes) behind: its tokens expire in seconds.
        ShortToken = Add(new KestrelHost<TokenServiceMarker>(token, 0, static s => s.Replace(
            ServiceDescriptor.Singleton<TimeProvider>(new ShiftedTimeProvider(ShortTokenLife - TimeSpan.FromMinutes(15))))));

        Cube = Add(new KestrelHost<CubeMarker>(new Dictionary<string, string?>()));

        // The Atoti stand-in knows the token service's public key as Atoti's activeviam.jwt.key.public, and nothing of AtotiAuth.
        AtotiServer = Add(new KestrelHost<CubeMarker>(new Dictionary<string, string?>
        {
            ["Cube:Mode"] = "Atoti",
            ["Cube:Atoti:JwtPublicKey"] = publicKey,
            ["Cube:Atoti:SessionCookieName"] = AtotiServerCookie,
        }));

        var sidecar = new Dictionary<string, string?>(common)
        {
            ["AtotiAuth:Jwt:Authority"] = issuer,
            ["AtotiAuth:Jwt:AllowHttpAuthority"] = "true",
            ["AtotiAuth:Ping:CubeUrl"] = Cube.Address.ToString().TrimEnd('/'),
            ["AtotiAuth:Ping:Backend"] = "Headers",
        };
        Risk = Add(new KestrelHost<PingServiceMarker>(new Dictionary<string, string?>(sidecar)
        {
            ["AtotiAuth:Ping:SocketSessionCheck"] = "00:00:05",
            ["AtotiAuth:Ping:CubeId"] = "risk",
            ["AtotiAuth:Ping:CookieName"] = RiskCookie,
            ["AtotiAuth:Ping:CookieSameSite"] = "None",
        }));
        RiskReplica = Add(new KestrelHost<PingServiceMarker>(new Dictionary<string, string?>(sidecar)
        {
            ["AtotiAuth:Ping:CubeId"] = "risk",
            ["AtotiAuth:Ping:CookieName"] = RiskCookie,
            ["AtotiAuth:Ping:CookieSameSite"] = "None",
        }));
        Pnl = Add(new KestrelHost<PingServiceMarker>(new Dictionary<string, string?>(sidecar)
        {
            ["AtotiAuth:Ping:CubeId"] = "pnl",
            ["AtotiAuth:Ping:CookieName"] = PnlCookie,
            ["AtotiAuth:Ping:CookieSecure"] = "false",
        }));

        // Behind an ingress at 127.0.0.1 (the tests' own address): its X-Forwarded-* are believed.
        BehindIngress = Add(new KestrelHost<PingServiceMarker>(new Dictionary<string, string?>(sidecar)
        {
            ["AtotiAuth:Ping:CubeId"] = "ingress",
            ["AtotiAuth:Ping:CookieName"] = "INGRESS_CUBE",
            ["AtotiAuth:Ping:KnownProxies:0"] = "127.0.0.1",
        }));

        Atoti = Add(new KestrelHost<PingServiceMarker>(new Dictionary<string, string?>(sidecar)
        {
            ["AtotiAuth:Ping:CubeUrl"] = AtotiServer.Address.ToString().TrimEnd('/'),
            ["AtotiAuth:Ping:Backend"] = "Atoti",
            ["AtotiAuth:Ping:CubeId"] = "atoti",
            ["AtotiAuth:Ping:CookieName"] = AtotiCookie,
        }));
    }

    public KestrelHost<TokenServiceMarker> Token { get; }

    public KestrelHost<TokenServiceMarker> PastToken { get; }

    /// <summary>Tokens from <see cref="ShortToken"/> expire this long after they are issued.</summary>
    public static TimeSpan ShortTokenLife { get; } = TimeSpan.FromSeconds(4);

    public KestrelHost<TokenServiceMarker> ShortToken { get; }

    public KestrelHost<CubeMarker> Cube { get; }

    public KestrelHost<PingServiceMarker> Risk { get; }

    /// <summary>A second replica of the <c>risk</c> sidecar (same cube id and cookie name, its own memory).</summary>
    public KestrelHost<PingServiceMarker> RiskReplica { get; }

    public KestrelHost<PingServiceMarker> Pnl { get; }

    /// <summary>A sidecar of the sample cube that believes the forwarding headers of a proxy at 127.0.0.1.</summary>
    public KestrelHost<PingServiceMarker> BehindIngress { get; }

    /// <summary>The Atoti stand-in (<c>samples/cube</c> in <c>Atoti</c> mode): no identity header, its own session cookie.</summary>
    public KestrelHost<CubeMarker> AtotiServer { get; }

    /// <summary>The sidecar in front of <see cref="AtotiServer"/> (<c>Backend=Atoti</c>).</summary>
    public KestrelHost<PingServiceMarker> Atoti { get; }

    public static PingDeployment Start(string redis, TimeSpan? feedLossGrace = null) =>
        new(redis, $"ping-tests:{Guid.NewGuid():N}:", feedLossGrace ?? TimeSpan.FromSeconds(5));

    /// <summary>A client that keeps no cookies of its own: tests send and read them explicitly.</summary>
    public static HttpClient Client() => new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    /// <summary>Logs a user in (a session in the store, as the identity service creates it) and gets a JWT from the token service's <c>/jwt</c>.</summary>
    public async Task<Login> LoginAsync(string userName, IReadOnlyList<string> roles, bool expired = false, bool shortLived = false)
    {
        var sessions = Token.Services.GetRequiredService<ISessionStore>();
        var issued = await sessions.CreateAsync(new NewSession(userName, "basic", roles));
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri((expired ? PastToken : shortLived ? ShortToken : Token).Address, "/jwt"));
        request.Headers.Add("Cookie", $"ATOTIAUTH_SESSION={issued.Ticket}");
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"/jwt answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return new Login(issued.Session.Id, body!.Token);
    }

    /// <summary>
    /// A token signed with the token service's own key for a real session, with the claims the service
    /// writes, changed by <paramref name="change"/>: validly signed, so that only the verifier's other rules can refuse it.
    /// </summary>
    public string SignLike(Login login, Action<SecurityTokenDescriptor> change)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(_privateKeyPem);
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = "atoti",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "alice", ["authorities"] = new[] { "ROLE_USER" }, ["sid"] = login.SessionId },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = "ping-tests" }, SecurityAlgorithms.RsaSha512),
        };
        change(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>Ends the session as its idle or absolute timeout does: its record goes, and nothing is published.</summary>
    public async Task EndSessionSilentlyAsync(string sessionId)
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis);
        Assert.True(await connection.GetDatabase().KeyDeleteAsync($"{_keyPrefix}session:{sessionId}"));
    }

    /// <summary>Revokes the session through the store, as a logout does (recorded and published).</summary>
    public Task RevokeAsync(string sessionId) => Token.Services.GetRequiredService<ISessionStore>().RevokeAsync(sessionId);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }

        Directory.Delete(_keyDirectory, recursive: true);
    }

    private T Add<T>(T host)
        where T : IAsyncDisposable
    {
        _hosts.Add(host);
        return host;
    }

    public sealed record Login(string SessionId, string Token);

    private sealed record TokenBody(string Token);
}
