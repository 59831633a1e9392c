namespace AtotiAuth.Samples.Cube;

/// <summary>A stand-in for an Atoti server, used by the tests and the demo.</summary>
public static class CubeExtensions
{
    /// <summary>Registers the cube.</summary>
    public static IHostApplicationBuilder AddCube(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>Maps the cube's endpoints.</summary>
    public static IEndpointRouteBuilder MapCubeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz");
        return endpoints;
    }
}
