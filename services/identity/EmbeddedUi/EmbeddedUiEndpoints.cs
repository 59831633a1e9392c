using AtotiAuth.Identity.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.EmbeddedUi;

/// <summary>
/// <c>GET /ui/**</c>: the UI's files for users with the UI role; an anonymous browser is sent to
/// <c>/login?redirectUrl=/ui/…</c> (path and query kept) and comes back after signing in.
/// </summary>
internal static class EmbeddedUiEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapEmbeddedUiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/ui").RequireAuthorization(IdentitySchemes.UiPolicy).WithTags("Embedded UI").ExcludeFromDescription();
        group.MapGet("/{**path}", ServeFile);
        return endpoints;
    }

    internal static Results<PhysicalFileHttpResult, NotFound> ServeFile(string? path, IOptions<EmbeddedUiOptions> options)
    {
        var root = options.Value.RootPath;
        if (string.IsNullOrEmpty(root))
        {
            return TypedResults.NotFound();
        }

        // PhysicalFileProvider refuses paths that leave the root ("..", absolute paths).
        using var files = new PhysicalFileProvider(Path.GetFullPath(root));
        var relative = string.IsNullOrEmpty(path) || path.EndsWith('/') ? (path ?? "") + "index.html" : path;
        var file = files.GetFileInfo(relative);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return TypedResults.NotFound();
        }

        var contentType = ContentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(file.PhysicalPath, contentType, lastModified: file.LastModified, enableRangeProcessing: true);
    }
}
