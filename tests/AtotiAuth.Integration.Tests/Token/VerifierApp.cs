using AtotiAuth.Shared.Jwt;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AtotiAuth.Integration.Tests.Token;

/// <summary>A separate minimal app standing for a .NET cube: one protected endpoint, its own authentication.</summary>
internal sealed class VerifierApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VerifierApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    /// <summary>The stock JwtBearer handler, told only where the token service is (and the audience it writes).</summary>
    public static Task<VerifierApp> StartStockAsync(TokenServiceFactory service) => StartAsync(builder =>
        builder.Services.AddAuthentication().AddJwtBearer(o =>
        {
            o.Authority = service.Url;
            o.Audience = "atoti";
            o.RequireHttpsMetadata = false;
        }));

    /// <summary>Our one-line extension, sharing the token service's Redis for the revocation check.</summary>
    public static Task<VerifierApp> StartAtotiAuthAsync(TokenServiceFactory service, string redis, string? feedLossGrace = null, Action<AtotiAuthJwtOptions>? configure = null) => StartAsync(builder =>
    {
        builder.Configuration["AtotiAuth:RevocationCache:FeedLossGrace"] = feedLossGrace;
        builder.Configuration["AtotiAuth:Store:Redis"] = redis;
        builder.Configuration["AtotiAuth:Store:KeyPrefix"] = service.KeyPrefix;
        builder.AddAtotiAuthRevocationCache();
        builder.Services.AddAuthentication().AddAtotiAuthJwt(o =>
        {
            o.Authority = service.Url;
            o.AllowHttpAuthority = true;
            o.UnknownKeyRefreshInterval = TimeSpan.FromSeconds(1);
            configure?.Invoke(o);
        });
    });

    public async Task<HttpResponseMessage> CallAsync(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cube");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    private static async Task<VerifierApp> StartAsync(Action<WebApplicationBuilder> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthorization();
        configure(builder);
        var app = builder.Build();
        app.MapGet("/cube", static () => "pong").RequireAuthorization();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new VerifierApp(app);
    }
}
