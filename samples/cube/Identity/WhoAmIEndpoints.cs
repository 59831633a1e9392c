using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Samples.Cube.Identity;

/// <summary><c>GET</c> and <c>POST /api/whoami</c>: echoes the identity the sidecar forwarded, and all incoming header names.</summary>
internal static class WhoAmIEndpoints
{
    public static IHostApplicationBuilder AddCubeIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CubeIdentityOptions>().BindConfiguration(CubeIdentityOptions.SectionName);
        return builder;
    }

    public static IEndpointRouteBuilder MapWhoAmIEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous: the sidecar in front of the cube authenticates; the cube trusts its headers.
        var group = endpoints.MapGroup("/api").AllowAnonymous();
        group.MapMethods("/whoami", [HttpMethods.Get, HttpMethods.Post], Echo);
        return endpoints;
    }

    internal static Ok<WhoAmI> Echo(HttpRequest request, IOptions<CubeIdentityOptions> options)
    {
        var names = options.Value;
        var roles = request.Headers[names.RolesHeader].ToString();
        return TypedResults.Ok(new WhoAmI(
            request.Headers[names.UserHeader].FirstOrDefault(),
            roles.Length == 0 ? [] : roles.Split(','),
            [.. request.Headers.Keys],
            [.. request.Cookies.Keys],
            request.Headers
                .Where(static h => h.Key.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("Forwarded", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(static h => h.Key, static h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
    }
}
