using AtotiAuth.Shared.Cors;
using AtotiAuth.Shared.Sessions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AtotiAuth.Token.Issuance;

/// <summary>
/// <c>GET /jwt</c> and Atoti's <c>GET /activeviam/jwt/rest/v3/token</c>. Without a credential: the
/// contract's bare 401, never a Basic challenge and never a redirect (DESIGN.md §2). CORS for the UI's
/// origins only.
/// </summary>
internal static class TokenEndpoints
{
    public const string AtotiTokenPath = "/activeviam/jwt/rest/v3/token";

    public static IEndpointRouteBuilder MapTokenIssuanceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(string.Empty)
            .RequireCors(UiCorsExtensions.PolicyName)
            .RequireAuthorization(TokenSchemes.TokenPolicy)
            .WithTags("Tokens");

        group.MapGet("/jwt", GetToken);
        group.MapGet(AtotiTokenPath, GetToken);
        return endpoints;
    }

    internal static Results<Ok<TokenResponse>, Ok<LegacyTokenResponse>> GetToken(HttpContext context, TokenIssuer issuer, IOptions<TokenOptions> options)
    {
        // A caller holding a token gets that same token back: a token never buys a longer-lived one.
        var token = context.Features.Get<PresentedToken>() is { } presented
            ? presented.Token
            : issuer.Issue(context.Features.GetRequiredFeature<Session>());

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers[HeaderNames.Pragma] = "no-cache";
        return options.Value.LegacyResponseBody
            ? TypedResults.Ok(new LegacyTokenResponse("success", new TokenResponse(token)))
            : TypedResults.Ok(new TokenResponse(token));
    }
}
