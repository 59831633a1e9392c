using AtotiAuth.Samples.Cube.Atoti;
using AtotiAuth.Samples.Cube.Identity;
using AtotiAuth.Samples.Cube.Updates;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Samples.Cube;

/// <summary>
/// The sample cube, used by the tests and the demo behind its ping sidecar (same pod; NetworkPolicies
/// keep everyone else out). <c>Cube:Mode</c> says what it plays: a .NET cube that trusts the identity
/// headers the sidecar writes (<c>Headers</c>, the default), or a stand-in for an Atoti server that
/// verifies the JWT itself and authenticates its WebSocket by its own session cookie (<c>Atoti</c>).
/// </summary>
public static class CubeExtensions
{
    /// <summary>Configuration key of the mode.</summary>
    public const string ModeKey = "Cube:Mode";

    /// <summary>Registers the cube.</summary>
    public static IHostApplicationBuilder AddCube(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddCubeIdentity();
        if (ModeOf(builder.Configuration) == CubeMode.Atoti)
        {
            builder.AddAtotiServer();
        }

        return builder;
    }

    /// <summary>Maps the cube's endpoints.</summary>
    public static IEndpointRouteBuilder MapCubeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz").AllowAnonymous();

        // The images contract: every image answers /healthz and /readyz (the cube has no dependency to wait for).
        endpoints.MapHealthChecks("/readyz").AllowAnonymous();
        if (endpoints is IApplicationBuilder app)
        {
            app.UseWebSockets();
        }

        if (ModeOf(endpoints.ServiceProvider.GetRequiredService<IConfiguration>()) == CubeMode.Atoti)
        {
            endpoints.MapAtotiServerEndpoints();
        }
        else
        {
            endpoints.MapWhoAmIEndpoints();
            endpoints.MapUpdatesEndpoints();
        }

        return endpoints;
    }

    private static CubeMode ModeOf(IConfiguration configuration) =>
        Enum.TryParse<CubeMode>(configuration[ModeKey], ignoreCase: true, out var mode) ? mode : CubeMode.Headers;
}
