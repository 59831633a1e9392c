using AtotiAuth.Ping.Authentication;
using AtotiAuth.Shared.Cors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Proxy;

/// <summary>
/// Everything that is not ping, logout or health goes to the cube, authenticated: HTTP by the JWT or
/// this cube's cookie, a WebSocket handshake by the cookie from an allowed UI origin. The group is
/// anonymous to the framework because the sidecar's own gate decides, before any byte is forwarded.
/// </summary>
internal static class ProxyEndpoints
{
    public static IEndpointRouteBuilder MapProxyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(string.Empty)
            .AllowAnonymous()
            .RequireCors(UiCorsExtensions.PolicyName)
            .WithTags("Proxy");

        group.Map("/{**path}", Forward).WithName("ProxyToCube");
        return endpoints;
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Forward(
        HttpContext context,
        IdentityHeaders identity,
        WebSocketOrigins origins,
        CallerAuthenticator authenticator,
        CubeProxy proxy,
        IOptions<PingOptions> options)
    {
        // First, whatever else happens: the cube must only ever see identity headers we wrote.
        identity.StripFrom(context.Request.Headers);

        var socket = WebSocketOrigins.IsUpgrade(context);
        if (socket && !origins.IsAllowed(context.Request.Headers.Origin))
        {
            return PingProblems.For(context, PingErrors.OriginNotAllowed);
        }

        var check = socket || !CallerAuthenticator.HasToken(context)
            ? await authenticator.FromCookieAsync(context)
            : await authenticator.FromTokenAsync(context);
        if (check.Caller is not { } caller)
        {
            return PingProblems.For(context, check.Error!);
        }

        if (!caller.HasAnyRole(options.Value.EffectiveRequiredRoles))
        {
            return PingProblems.For(context, PingErrors.MissingRole);
        }

        var failure = socket
            ? await proxy.ForwardSocketAsync(context, caller)
            : proxy.Report(context, await proxy.SendAsync(context, caller));
        return failure is null ? TypedResults.Empty : PingProblems.For(context, failure);
    }
}
