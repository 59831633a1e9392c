namespace AtotiAuth.Baseline;

internal static class BaselineEndpoints
{
    public static IEndpointRouteBuilder MapBaselineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/constant", Constant);
        return endpoints;
    }

    private static string Constant() => "pong";
}
