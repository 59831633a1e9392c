using AtotiAuth.Ping.Authentication;
using AtotiAuth.Ping.Cookies;
using AtotiAuth.Shared.Cors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Ping.Ping;

/// <summary>
/// Atoti's ping (ATOTI-CONTRACT.md, "Ping and the WebSocket cookie"): a JWT with a required role gets
/// <c>pong</c> and this cube's cookie, which the UI's WebSocket then carries. Any refusal sets no cookie.
/// </summary>
internal static class PingEndpoints
{
    /// <summary>The sidecar's own path, and the cube REST prefixes of Atoti 6.0 (v8), 6.1 (v9), 6.1.19+/6.2 (v10).</summary>
    public static IReadOnlyList<string> Paths { get; } =
        ["/ping", "/activeviam/pivot/rest/v8/ping", "/activeviam/pivot/rest/v9/ping", "/activeviam/pivot/rest/v10/ping"];

    public static IEndpointRouteBuilder MapPongEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous to the framework: the handler authenticates the JWT itself, once per token.
        var group = endpoints.MapGroup(string.Empty)
            .AllowAnonymous()
            .RequireCors(UiCorsExtensions.PolicyName)
            .WithTags("Ping");

        foreach (var path in Paths)
        {
            group.MapGet(path, Pong);
        }

        return endpoints;
    }

    internal static async Task<Results<PongResult, ProblemHttpResult>> Pong(
        HttpContext context,
        CallerAuthenticator authenticator,
        CubeCookieWriter cookie,
        IOptions<PingOptions> options)
    {
        var check = await authenticator.FromTokenAsync(context);
        if (check.Caller is not { } caller)
        {
            return PingProblems.For(context, check.Error!);
        }

        if (!caller.HasAnyRole(options.Value.EffectiveRequiredRoles))
        {
            return PingProblems.For(context, PingErrors.MissingRole);
        }

        cookie.Append(context, caller);
        context.Response.Headers.CacheControl = "no-store";
        return PongResult.Instance;
    }
}
