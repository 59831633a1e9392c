using AtotiAuth.Identity.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtotiAuth.Identity.Admin;

/// <summary>
/// The admin API's OpenAPI document, <c>/admin/openapi.json</c>, served as a file. The file
/// (<c>Admin/admin-openapi.json</c>, copied beside the assembly) is what <see cref="AddGenerator"/> makes
/// from the routes; <c>AdminOpenApiDocumentTests</c> fails when the two differ and rewrites the file on
/// request. Generating it in the service instead registers the API explorer, which loads MVC Core at
/// start: about 2 MiB of the identity service's idle memory (docs/benchmarks.md, "Service memory").
/// </summary>
internal static class AdminOpenApi
{
    public const string DocumentName = "admin";

    /// <summary>The file's name, in the project and beside the assembly.</summary>
    public const string FileName = "admin-openapi.json";

    /// <summary>Registers the generator of the document: the <c>/admin</c> routes only.</summary>
    public static IServiceCollection AddGenerator(IServiceCollection services) =>
        services.AddOpenApi(DocumentName, static o =>
            o.ShouldInclude = static d => d.RelativePath?.StartsWith("admin/", StringComparison.Ordinal) == true);

    public static IEndpointRouteBuilder MapAdminOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/openapi.json", Document).RequireAuthorization(IdentitySchemes.AdminPolicy).ExcludeFromDescription();
        return endpoints;
    }

    private static PhysicalFileHttpResult Document() =>
        TypedResults.PhysicalFile(Path.Combine(AppContext.BaseDirectory, FileName), "application/json; charset=utf-8");
}
