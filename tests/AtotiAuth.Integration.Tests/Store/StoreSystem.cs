using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AtotiAuth.Identity;
using AtotiAuth.Integration.Tests.Ping;
using AtotiAuth.Ping;
using AtotiAuth.Samples.Cube;
using AtotiAuth.Testing;
using AtotiAuth.Token;

namespace AtotiAuth.Integration.Tests.Store;

/// <summary>
/// The split system in process, on real ports, against one Redis (a single server, or Sentinel): the
/// identity service (configured user <c>alice</c>, the CSV user <c>carol</c>), the token service, the
/// sample cube and two sidecars in front of it. Calls are made as the UI and its scripts make them
/// (Basic <c>POST /login</c>, <c>/jwt</c> with the session cookie, <c>ping</c> with the JWT,
/// <c>POST /logout</c>), each answer kept as its status code with how long it took.
/// </summary>
public sealed class StoreSystem : IAsyncDisposable
{
    public const string Alice = "alice";
    public const string AlicePassword = "alice-Pa55word!";
    public const string Carol = "carol";
    public const string CarolPassword = "carol-Pa55word!";
    public const string UiOrigin = "https://ui.example.test";
    private const string SessionCookie = "ATOTIAUTH_SESSION";
    private const string PingPath = "/activeviam/pivot/rest/v10/ping";
    private static readonly string[] CubeIds = ["risk", "pnl"];

    private readonly string _folder = Directory.CreateTempSubdirectory("atotiauth-store-system-").FullName;
    private readonly List<IAsyncDisposable> _hosts = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public StoreSystem(string redis, IReadOnlyDictionary<string, string?>? store = null)
    {
        using (var rsa = RSA.Create(2048))
        {
            Directory.CreateDirectory(Path.Combine(_folder, "keys"));
            File.WriteAllText(Path.Combine(_folder, "keys", "store-tests.pem"), rsa.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(CsvFile, $"User,Password,Status,Roles\n{Carol},{CarolPassword},Active,\n");
        var issuerPort = FreePort.Next();
        var issuer = $"http://127.0.0.1:{issuerPort}";
        var common = new Dictionary<string, string?>
        {
            ["AtotiAuth:Store:Redis"] = redis,
            ["AtotiAuth:Store:KeyPrefix"] = KeyPrefix,
            ["AtotiAuth:Store:DataLossCheckInterval"] = "00:00:01",
            ["AtotiAuth:RevocationCache:FeedLossGrace"] = "00:00:02",
        };
        foreach (var (key, value) in store ?? new Dictionary<string, string?>())
        {
            common[key] = value;
        }

        Identity = Add(new KestrelHost<IdentityServiceMarker>(new Dictionary<string, string?>(common)
        {
            ["AtotiAuth:Identity:AllowedRedirectOrigins:0"] = "https://ui.example.test",
            ["AtotiAuth:Identity:Users:0:Name"] = Alice,
            ["AtotiAuth:Identity:Users:0:Password"] = AlicePassword,
            ["AtotiAuth:Identity:Provisioning:FilePath"] = CsvFile,
            ["AtotiAuth:Identity:Provisioning:PollInterval"] = "00:00:00.500",
        }));
        Token = Add(new KestrelHost<TokenServiceMarker>(
            new Dictionary<string, string?>(common)
            {
                ["AtotiAuth:Token:Issuer"] = issuer,
                ["AtotiAuth:Token:Signing:KeyDirectory"] = Path.Combine(_folder, "keys"),
            },
            issuerPort));
        var cube = Add(new KestrelHost<CubeMarker>(new Dictionary<string, string?>()));
        Sidecars = [.. CubeIds.Select(id => Add(new KestrelHost<PingServiceMarker>(new Dictionary<string, string?>(common)
        {
            ["AtotiAuth:Jwt:Authority"] = issuer,
            ["AtotiAuth:Jwt:AllowHttpAuthority"] = "true",
            ["AtotiAuth:Ping:CubeUrl"] = cube.Address.ToString().TrimEnd('/'),
            ["AtotiAuth:Ping:CubeId"] = id,
            ["AtotiAuth:Ping:CookieName"] = $"{id.ToUpperInvariant()}_CUBE",
            ["AtotiAuth:Ping:CookieSecure"] = "false",
            ["AtotiAuth:Ping:Backend"] = "Headers",
            ["AtotiAuth:Cors:AllowedOrigins:0"] = UiOrigin,
        })))];
    }

    /// <summary>Every key of this system is under it, so systems on one Redis never meet.</summary>
    public string KeyPrefix { get; } = $"store-tests:{Guid.NewGuid():N}:";

    public string CsvFile => Path.Combine(_folder, "users.csv");

    public KestrelHost<IdentityServiceMarker> Identity { get; }

    public KestrelHost<TokenServiceMarker> Token { get; }

    public IReadOnlyList<KestrelHost<PingServiceMarker>> Sidecars { get; }

    /// <summary>Basic <c>POST /login</c>: the session cookie (<c>name=value</c>) when it succeeded.</summary>
    public async Task<Answer<string?>> LoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Identity.Address, "/login"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await SendAsync(request, static response => Task.FromResult(
            response.Headers.TryGetValues("Set-Cookie", out var cookies)
                ? cookies.Select(static c => c.Split(';')[0]).FirstOrDefault(static c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal) && c.Length > SessionCookie.Length + 1)
                : null), cancellationToken);
    }

    /// <summary><c>GET /jwt</c> with the session cookie: the JWT when it succeeded.</summary>
    public async Task<Answer<string?>> JwtAsync(string cookie, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Token.Address, "/jwt"));
        request.Headers.Add("Cookie", cookie);
        return await SendAsync(request, static async response =>
            response.StatusCode == HttpStatusCode.OK
                ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()
                : null, cancellationToken);
    }

    /// <summary><c>ping</c> at a sidecar with the JWT.</summary>
    public async Task<Answer<bool>> PingAsync(int sidecar, string jwt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Sidecars[sidecar].Address, PingPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        return await SendAsync(request, static response => Task.FromResult(response.StatusCode == HttpStatusCode.OK), cancellationToken);
    }

    /// <summary><c>ping</c> at a sidecar with the JWT: the cube cookie (<c>name=value</c>) it sets, for the WebSocket.</summary>
    public async Task<string?> CubeCookieAsync(int sidecar, string jwt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Sidecars[sidecar].Address, PingPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        using var response = await _http.SendAsync(request, cancellationToken);
        var name = $"{CubeIds[sidecar].ToUpperInvariant()}_CUBE=";
        return response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(static c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(name, StringComparison.Ordinal))
            : null;
    }

    /// <summary><c>POST /logout</c> with the session cookie.</summary>
    public async Task<Answer<bool>> LogoutAsync(string cookie, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Identity.Address, "/logout"));
        request.Headers.Add("Cookie", cookie);
        return await SendAsync(request, static response => Task.FromResult((int)response.StatusCode is >= 200 and < 400), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task<Answer<T>> SendAsync<T>(HttpRequestMessage request, Func<HttpResponseMessage, Task<T>> read, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var value = await read(response);
            return new Answer<T>(response.StatusCode, value, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException)
        {
            return new Answer<T>(0, default, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    private T Add<T>(T host)
        where T : IAsyncDisposable
    {
        _hosts.Add(host);
        return host;
    }

    /// <summary>An answer: its status (0 when no answer came), what was read from it (the cookie, the JWT, success), and how long it took.</summary>
    public sealed record Answer<T>(HttpStatusCode Status, T? Value, TimeSpan Took);
}
