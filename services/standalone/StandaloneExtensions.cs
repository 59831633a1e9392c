using AtotiAuth.Identity;
using AtotiAuth.Shared.Store;
using AtotiAuth.Token;
using AtotiAuth.Token.Signing;
using Microsoft.Extensions.Configuration.Memory;

namespace AtotiAuth.Standalone;

/// <summary>
/// The standalone host runs identity and token in one process for local use and demos, with the
/// embedded in-memory store unless a Redis connection string is given (DESIGN.md §1).
/// </summary>
internal static partial class StandaloneExtensions
{
    public static IHostApplicationBuilder AddStandaloneDefaults(this IHostApplicationBuilder builder)
    {
        // Only here may the store live in memory and the signing key be generated (as Atoti does); the
        // split services require Redis and a key directory. Later sources (appsettings, environment) win.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData =
            [
                new($"{StoreOptions.SectionName}:AllowInMemory", "true"),
                new($"{SigningOptions.SectionName}:GenerateEphemeralKey", "true"),
            ],
        });
        return builder;
    }

    /// <summary>Maps identity's and token's endpoints, and logs where the host listens once it has started.</summary>
    public static IEndpointRouteBuilder MapStandaloneEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIdentityEndpoints();
        endpoints.MapTokenEndpoints();
        if (endpoints is WebApplication app)
        {
            app.Lifetime.ApplicationStarted.Register(Report, app);
        }

        return endpoints;
    }

    private static void Report(object? state)
    {
        var app = (WebApplication)state!;
        var logger = app.Services.GetRequiredService<ILogger<StandaloneHostMarker>>();
        var store = string.IsNullOrWhiteSpace(app.Configuration[$"{StoreOptions.SectionName}:Redis"]) ? "in-memory" : "Redis";
        foreach (var url in app.Urls)
        {
            LogListening(logger, url, store);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "AtotiAuth standalone listening on {Url} (store: {Store}). Health: {Url}/healthz. Log in at {Url}/login.")]
    private static partial void LogListening(ILogger logger, string url, string store);
}
