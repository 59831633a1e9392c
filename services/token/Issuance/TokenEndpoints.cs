using AtotiAuth.Shared.Cors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AtotiAuth.Token.Issuance;

/// <summary><c>GET /jwt</c> and Atoti's <c>GET /activeviam/jwt/rest/v3/token</c>.</summary>
internal static class TokenEndpoints
{
    public const string AtotiTokenPath = "/activeviam/jwt/rest/v3/token";

    public static IEndpointRouteBuilder MapTokenIssuanceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // No authentication scheme: the handler checks the cookie or token itself and answers a bare
        // 401 — never a Basic challenge, never a redirect (DESIGN.md §2). CORS for the UI's origins only.
        var group = endpoints.MapGroup(string.Empty)
            .AllowAnonymous()
            .RequireCors(UiCorsExtensions.PolicyName)
            .WithTags("Tokens");

        group.MapGet("/jwt", GetToken);
        group.MapGet(AtotiTokenPath, GetToken);
        return endpoints;
    }

    private static async Task<Results<Ok<TokenResponse>, Ok<LegacyTokenResponse>, ProblemHttpResult>> GetToken(
        HttpContext context,
        TokenRequestAuthenticator authenticator,
        IOptions<TokenOptions> options,
        CancellationToken cancellationToken)
    {
        var outcome = await authenticator.AuthenticateAsync(context.Request, cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        if (outcome.Token is not { } token)
        {
            return TypedResults.Problem(
                statusCode: outcome.Status,
                title: outcome.Status == StatusCodes.Status403Forbidden ? "A required role is missing." : "Authentication required.",
                extensions: new Dictionary<string, object?> { ["code"] = outcome.Code });
        }

        context.Response.Headers[HeaderNames.Pragma] = "no-cache";
        return options.Value.LegacyResponseBody
            ? TypedResults.Ok(new LegacyTokenResponse("success", new TokenResponse(token)))
            : TypedResults.Ok(new TokenResponse(token));
    }
}
