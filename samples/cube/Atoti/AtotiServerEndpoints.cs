using AtotiAuth.Samples.Cube.Updates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Samples.Cube.Atoti;

/// <summary>
/// A stand-in for an Atoti 6.x server behind AtotiAuth (ATOTI-CONTRACT.md): <c>/versions/rest</c> for
/// everyone; ping with a JWT carrying <c>ROLE_USER</c> or <c>ROLE_TECH</c>, answering <c>pong</c> and
/// setting the server's own session cookie; the real-time WebSocket under <c>/activeviam/pivot/ws/</c>,
/// which needs <c>ROLE_USER</c> and is authenticated by that cookie (or a JWT, should a handshake carry
/// one); a REST call answered from the verified caller; and <c>POST /logout</c>, which ends the server's session.
/// </summary>
public static class AtotiServerEndpoints
{
    /// <summary>REST prefixes of Atoti 6.0 (v8), 6.1 (v9), 6.1.19+/6.2 (v10).</summary>
    public static IReadOnlyList<string> RestVersions { get; } = ["v8", "v9", "v10"];

    /// <summary>The WebSocket endpoint (ATOTI-CONTRACT.md: <c>ws/v9</c> beside REST <c>v10</c> in 6.x).</summary>
    public const string WebSocketPath = "/activeviam/pivot/ws/v9";

    /// <summary>The stand-in's own REST answer: who the server thinks is calling (not an Atoti endpoint).</summary>
    public const string WhoAmIPath = "/activeviam/pivot/rest/v10/whoami";

    private const string PingPolicy = "atoti-ping";
    private const string UserPolicy = "atoti-user";
    private const string AnyPolicy = "atoti-any";

    /// <summary>Registers the stand-in server.</summary>
    public static IHostApplicationBuilder AddAtotiServer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AtotiServerOptions>().BindConfiguration(AtotiServerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<AtotiJwtVerifier>();
        builder.Services.TryAddSingleton<AtotiSessions>();
        builder.Services.TryAddSingleton<AtotiRequestLog>();
        builder.Services.AddAuthentication(AtotiAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AtotiAuthenticationHandler>(AtotiAuthenticationHandler.SchemeName, static _ => { });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PingPolicy, static p => p.RequireRole("ROLE_USER", "ROLE_TECH"))
            .AddPolicy(UserPolicy, static p => p.RequireRole("ROLE_USER"))
            .AddPolicy(AnyPolicy, static p => p.RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>Maps the stand-in server's endpoints.</summary>
    public static IEndpointRouteBuilder MapAtotiServerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/versions/rest", Versions).AllowAnonymous();

        var rest = endpoints.MapGroup("/activeviam/pivot/rest");
        foreach (var version in RestVersions)
        {
            rest.MapGet($"/{version}/ping", Ping).RequireAuthorization(PingPolicy);
        }

        endpoints.MapMethods(WhoAmIPath, [HttpMethods.Get, HttpMethods.Post], WhoAmI).RequireAuthorization(AnyPolicy);
        endpoints.Map(WebSocketPath, UpdatesEndpoints.Stream).RequireAuthorization(UserPolicy);
        endpoints.MapPost("/logout", Logout).AllowAnonymous();

        // Anything else the server does not serve: but only an authenticated caller learns that.
        endpoints.Map("/{**path}", static () => TypedResults.NotFound()).RequireAuthorization(AnyPolicy);
        return endpoints;
    }

    internal static Ok<VersionsResponse> Versions() => TypedResults.Ok(new VersionsResponse(
        "6.1.19",
        "6.1.19",
        new Dictionary<string, ApiVersions>
        {
            ["activeviam/pivot"] = new([.. RestVersions.Select(static v => new ApiVersion(v, $"/activeviam/pivot/rest/{v}", WebSocketPath))]),
        }));

    internal static ContentHttpResult Ping(HttpContext context, AtotiSessions sessions, IOptions<AtotiServerOptions> options)
    {
        var caller = context.Features.GetRequiredFeature<AtotiCaller>();
        var settings = options.Value;
        if (caller.Via == "jwt")
        {
            // As a servlet container: an authenticated request without a session gets one, and its cookie.
            var id = sessions.Create(caller);
            context.Response.Cookies.Append(settings.SessionCookieName, id, new CookieOptions
            {
                HttpOnly = true,
                Secure = settings.SecureCookie,
                SameSite = settings.SecureCookie ? SameSiteMode.None : SameSiteMode.Lax,
                Path = "/",
            });
        }

        return TypedResults.Text("pong", "text/plain");
    }

    internal static Ok<AtotiWhoAmI> WhoAmI(HttpContext context)
    {
        var caller = context.Features.GetRequiredFeature<AtotiCaller>();
        return TypedResults.Ok(new AtotiWhoAmI(caller.User, caller.Roles, caller.Via));
    }

    internal static NoContent Logout(HttpContext context, AtotiSessions sessions, IOptions<AtotiServerOptions> options)
    {
        var name = options.Value.SessionCookieName;
        sessions.Invalidate(context.Request.Cookies[name]);
        context.Response.Cookies.Delete(name, new CookieOptions { Path = "/", Secure = options.Value.SecureCookie, HttpOnly = true });
        return TypedResults.NoContent();
    }
}
