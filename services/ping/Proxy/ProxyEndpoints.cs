using AtotiAuth.Ping.Authentication;
using Microsoft.AspNetCore.Http.Features;
using AtotiAuth.Shared.Cors;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Ping.Proxy;

/// <summary>
/// Everything that is not ping, logout or health goes to the cube: HTTP authenticated by the JWT, a
/// WebSocket handshake by this cube's cookie from an allowed UI origin (<see cref="PingSchemes.CubePolicy"/>).
/// The paths an Atoti server serves to everyone (<see cref="PingOptions.PublicPaths"/>) are forwarded
/// with no credential, for <c>GET</c> only.
/// </summary>
internal static class ProxyEndpoints
{
    public static IEndpointRouteBuilder MapProxyEndpoints(this IEndpointRouteBuilder endpoints, PingOptions options)
    {
        var group = endpoints.MapGroup(string.Empty)
            .RequireCors(UiCorsExtensions.PolicyName)
            .RequireAuthorization(PingSchemes.CubePolicy)
            .WithTags("Proxy");
        group.Map("/{**path}", Forward).WithName("ProxyToCube");

        var open = endpoints.MapGroup(string.Empty)
            .AllowAnonymous()
            .RequireCors(UiCorsExtensions.PolicyName)
            .WithTags("Proxy");
        foreach (var path in options.EffectivePublicPaths)
        {
            open.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], ForwardPublic);
        }

        return endpoints;
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Forward(HttpContext context, CubeProxy proxy)
    {
        var caller = context.Features.GetRequiredFeature<AtotiAuthCaller>();
        var failure = WebSocketOrigins.IsUpgrade(context)
            ? await proxy.ForwardSocketAsync(context, caller)
            : proxy.Report(context, await proxy.SendAsync(context));
        return Answer(context, failure);
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ForwardPublic(HttpContext context, CubeProxy proxy) =>
        Answer(context, proxy.Report(context, await proxy.SendAsync(context)));

    private static Results<EmptyHttpResult, ProblemHttpResult> Answer(HttpContext context, ProblemCode? failure)
    {
        if (failure is null)
        {
            return TypedResults.Empty;
        }

        Problems.AddHeaders(context.Response, failure);
        return Problems.Result(failure);
    }
}
