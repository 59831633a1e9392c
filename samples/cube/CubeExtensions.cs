using AtotiAuth.Samples.Cube.Identity;
using AtotiAuth.Samples.Cube.Updates;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Samples.Cube;

/// <summary>
/// A stand-in for an Atoti server, used by the tests and the demo. It sits behind its ping sidecar
/// (same pod; NetworkPolicies keep everyone else out) and trusts the identity headers the sidecar writes.
/// </summary>
public static class CubeExtensions
{
    /// <summary>Registers the cube.</summary>
    public static IHostApplicationBuilder AddCube(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddCubeIdentity();
        return builder;
    }

    /// <summary>Maps the cube's endpoints.</summary>
    public static IEndpointRouteBuilder MapCubeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz");

        // The images contract: every image answers /healthz and /readyz (the cube has no dependency to wait for).
        endpoints.MapHealthChecks("/readyz");
        endpoints.MapWhoAmIEndpoints();
        endpoints.MapUpdatesEndpoints();
        return endpoints;
    }
}
