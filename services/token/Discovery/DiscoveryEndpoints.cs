using AtotiAuth.Token.Signing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Token.Discovery;

/// <summary>
/// The public keys (RFC 7517) and a minimal OpenID Connect discovery document, enough for a stock
/// JwtBearer with <c>Authority</c> set to the token service to find the keys and the issuer.
/// </summary>
internal static class DiscoveryEndpoints
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string ConfigurationPath = "/.well-known/openid-configuration";

    /// <summary>
    /// Caches may keep the documents 5 minutes: with <see cref="SigningOptions.PublishLead"/> of 10
    /// minutes every verifier re-reads them before a new key signs.
    /// </summary>
    public const string CacheControl = "public, max-age=300";

    public static IEndpointRouteBuilder MapDiscoveryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/.well-known")
            .AllowAnonymous()
            .WithTags("Discovery");

        group.MapGet("/jwks.json", GetJwks);
        group.MapGet("/openid-configuration", GetConfiguration);
        return endpoints;
    }

    private static Results<FileContentHttpResult, StatusCodeHttpResult> GetJwks(HttpContext context, SigningKeySet keys)
    {
        var current = keys.Current;
        context.Response.Headers.CacheControl = CacheControl;
        context.Response.Headers.ETag = current.ETag;
        if (context.Request.Headers.IfNoneMatch.Contains(current.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(current.Jwks, "application/json");
    }

    private static Ok<DiscoveryDocument> GetConfiguration(HttpContext context, IOptions<TokenOptions> options, SigningKeySet keys)
    {
        context.Response.Headers.CacheControl = CacheControl;
        var settings = options.Value;
        var issuer = settings.NormalizedIssuer;
        return TypedResults.Ok(new DiscoveryDocument(
            Issuer: issuer,
            JwksUri: issuer + JwksPath,
            ResponseTypesSupported: ["id_token"],
            SubjectTypesSupported: ["public"],
            IdTokenSigningAlgValuesSupported: [keys.Algorithm],
            TokenEndpointAuthMethodsSupported: ["none"],
            ClaimsSupported: [settings.PrincipalClaim, settings.AuthoritiesClaim, "iss", "aud", "iat", "nbf", "exp", "jti", "sid"]));
    }
}
