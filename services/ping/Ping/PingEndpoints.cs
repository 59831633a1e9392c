using AtotiAuth.Ping.Authentication;
using Microsoft.AspNetCore.Http.Features;
using AtotiAuth.Ping.Cookies;
using AtotiAuth.Ping.Proxy;
using AtotiAuth.Shared.Cors;
using AtotiAuth.Shared.Hosting;
using AtotiAuth.Shared.Jwt;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Ping;

/// <summary>
/// Atoti's ping (ATOTI-CONTRACT.md, "Ping and the WebSocket cookie"): a JWT with a required role
/// (<see cref="PingSchemes.PingPolicy"/>) gets <c>pong</c> and this cube's cookie, which the
/// UI's WebSocket then carries. In front of an Atoti server the ping is forwarded once the JWT is
/// checked, so that the server sets its own session cookie too. Any refusal sets no cookie.
/// </summary>
internal static class PingEndpoints
{
    /// <summary>The sidecar's own path, and the cube REST prefixes of Atoti 6.0 (v8), 6.1 (v9), 6.1.19+/6.2 (v10).</summary>
    public static IReadOnlyList<string> Paths { get; } =
        ["/ping", "/activeviam/pivot/rest/v8/ping", "/activeviam/pivot/rest/v9/ping", "/activeviam/pivot/rest/v10/ping"];

    public static IEndpointRouteBuilder MapPongEndpoints(this IEndpointRouteBuilder endpoints, PingOptions options)
    {
        var group = endpoints.MapGroup(string.Empty)
            .RequireCors(UiCorsExtensions.PolicyName)
            .RequireAuthorization(PingSchemes.PingPolicy)
            .WithTags("Ping");

        foreach (var path in Paths)
        {
            if (options.Backend == CubeBackend.Atoti)
            {
                group.MapGet(path, ForwardPing);
            }
            else
            {
                group.MapGet(path, Pong);
            }
        }

        return endpoints;
    }

    internal static PongResult Pong(HttpContext context, CubeCookieWriter cookie, SessionRoles roles)
    {
        var caller = context.Features.GetRequiredFeature<AtotiAuthCaller>();
        roles.Remember(caller);
        cookie.Append(context, caller);
        context.Response.Headers.CacheControl = "no-store";
        return PongResult.Instance;
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ForwardPing(
        HttpContext context,
        CubeProxy proxy,
        SessionRoles roles,
        IOptions<PingOptions> options)
    {
        roles.Remember(context.Features.GetRequiredFeature<AtotiAuthCaller>());
        if (context.Request.Path == Paths[0])
        {
            context.Request.Path = options.Value.AtotiPingPath;
        }

        var failure = proxy.Report(context, await proxy.SendPingAsync(context));
        if (failure is null)
        {
            return TypedResults.Empty;
        }

        Problems.AddHeaders(context.Response, failure);
        return Problems.Result(failure);
    }
}
