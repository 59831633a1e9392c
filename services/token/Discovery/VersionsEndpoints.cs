using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Token.Discovery;

/// <summary>
/// Atoti's <c>GET /versions/rest</c>, open to all, listing the <c>jwt</c> REST API (ATOTI-CONTRACT.md:
/// whether the UI reads it from the JWT server is unconfirmed; it is cheap to serve).
/// </summary>
internal static class VersionsEndpoints
{
    public static IEndpointRouteBuilder MapVersionsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/versions")
            .AllowAnonymous()
            .WithTags("Discovery");

        group.MapGet("/rest", GetVersions);
        return endpoints;
    }

    private static Ok<VersionsDocument> GetVersions() => TypedResults.Ok(Document);

    private static readonly VersionsDocument Document = new(
        Version: 1,
        ServerVersion: typeof(VersionsEndpoints).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        Apis: new Dictionary<string, ApiVersions>(StringComparer.Ordinal)
        {
            ["jwt"] = new([new ApiVersion("3", "/activeviam/jwt/rest/v3")]),
        });
}

/// <summary>Atoti's versions document.</summary>
internal sealed record VersionsDocument(int Version, string ServerVersion, IReadOnlyDictionary<string, ApiVersions> Apis);

/// <summary>The versions of one API.</summary>
internal sealed record ApiVersions(IReadOnlyList<ApiVersion> Versions);

/// <summary>One version of an API and its REST prefix.</summary>
internal sealed record ApiVersion(string Id, string RestPath);
