using AtotiAuth.Identity.Login;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// <c>GET /oauth2/authorization/{providerId}</c> starts a login at the provider (Spring Security's path,
/// ATOTI-CONTRACT.md "OidcConfig"); <c>POST /oauth2/backchannel-logout/{providerId}</c> receives the
/// provider's logout tokens. The callback <c>/login/oauth2/code/{providerId}</c> is the handler's.
/// </summary>
internal static partial class OidcEndpoints
{
    public static IEndpointRouteBuilder MapOidcEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/oauth2").AllowAnonymous().WithTags("OpenID Connect").ExcludeFromDescription();
        group.MapGet("/authorization/{providerId}", StartAsync);
        group.MapPost("/backchannel-logout/{providerId}", BackchannelLogoutAsync).DisableAntiforgery();
        return endpoints;
    }

    internal static async Task<Results<EmptyHttpResult, ContentHttpResult>> StartAsync(
        HttpContext context,
        string providerId,
        string? redirectUrl,
        LoginFlow flow,
        IOptions<OidcOptions> options,
        IOptions<IdentityOptions> identity,
        OidcFailurePages failures)
    {
        if (!options.Value.Providers.ContainsKey(providerId))
        {
            return LoginEndpoints.Html(OidcFailurePages.Render(IdentityProblems.UnknownProvider), IdentityProblems.UnknownProvider.Status);
        }

        // A refused or absent target is replaced by the landing page, as at /login. Never left empty:
        // the handler would then remember this start URL, and the callback would send the browser
        // back here, to the provider and back again, without end (issue 22).
        var redirect = flow.CheckRedirect(redirectUrl);
        var properties = new AuthenticationProperties { RedirectUri = redirect.Target ?? identity.Value.DefaultLandingPath };
        try
        {
            await context.ChallengeAsync(OidcSchemes.For(providerId), properties);
        }
        catch (Exception ex) when (OidcFailurePages.Classify(ex) == IdentityProblems.ProviderUnavailable)
        {
            // Discovery failed before anything was written: the provider is down or misconfigured.
            await failures.WriteAsync(context, providerId, ex);
        }

        return TypedResults.Empty;
    }

    internal static async Task<Results<Ok, BadRequest<BackchannelLogoutError>>> BackchannelLogoutAsync(
        HttpContext context, string providerId, BackchannelLogout logout)
    {
        context.Response.Headers.CacheControl = "no-store";
        string? token = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            token = form["logout_token"];
        }

        var code = await logout.HandleAsync(providerId, token, context.RequestAborted);
        return code is null
            ? TypedResults.Ok()
            : TypedResults.BadRequest(new BackchannelLogoutError("invalid_request", code));
    }
}
