using AtotiAuth.Shared.Sessions;
using AtotiAuth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Integration.Tests.Token;

/// <summary>
/// The token service on real Kestrel (so that separate apps can fetch its discovery document over
/// HTTP), with a real Redis and a key directory written by the test.
/// </summary>
public sealed class TokenServiceFactory : WebApplicationFactory<AtotiAuth.Token.TokenServiceMarker>
{
    public const string AllowedOrigin = "https://ui.example.com";

    private readonly Dictionary<string, string?> _settings;

    public TokenServiceFactory(RedisFixture redis, TestKeyDirectory keys, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var port = Testing.FreePort.Next();
        Url = $"http://127.0.0.1:{port}";
        KeyPrefix = $"test:{Guid.NewGuid():N}:";
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AtotiAuth:Store:Redis"] = redis.ConnectionString,
            ["AtotiAuth:Store:KeyPrefix"] = KeyPrefix,
            ["AtotiAuth:Token:Issuer"] = Url,
            ["AtotiAuth:Token:Signing:KeyDirectory"] = keys.Path,
            ["AtotiAuth:Cors:AllowedOrigins:0"] = AllowedOrigin,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        // The port is given as the server URL rather than UseKestrel(port), whose address rewrite can run
        // after the server started and throw under load.
        _settings[WebHostDefaults.ServerUrlsKey] = Url;
        UseKestrel();
    }

    /// <summary>The service's base URL, also its issuer.</summary>
    public string Url { get; }

    /// <summary>The Redis key prefix of this host, for verifiers that must share its store.</summary>
    public string KeyPrefix { get; }

    /// <summary>How many times the JWKS was read from this service.</summary>
    public int JwksReads => _jwksReads;

    private int _jwksReads;

    /// <summary>Starts the server and returns a client on its real socket.</summary>
    public HttpClient CreateRealClient()
    {
        StartServer();
        return new HttpClient { BaseAddress = new Uri(Url) };
    }

    /// <summary>Creates a session through the store, as a login would, and returns its cookie header value.</summary>
    public async Task<(Session Session, string Cookie)> LogInAsync(string userName, params string[] roles)
    {
        StartServer();
        var store = Services.GetRequiredService<ISessionStore>();
        var issued = await store.CreateAsync(new NewSession(userName, "basic", roles));
        var cookieName = Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AtotiAuth.Shared.Sessions.SessionOptions>>().Value.CookieName;
        return (issued.Session, $"{cookieName}={issued.Ticket}");
    }

    /// <summary>Revokes a session through the store, as a logout would.</summary>
    public Task RevokeAsync(string sessionId) => Services.GetRequiredService<ISessionStore>().RevokeAsync(sessionId);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new JwksCounter(() => Interlocked.Increment(ref _jwksReads))));
    }

    private sealed class JwksCounter(Action count) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Path == "/.well-known/jwks.json")
                {
                    count();
                }

                return following(context);
            });
            next(app);
        };
    }
}
