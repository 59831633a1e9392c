using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace AtotiAuth.Samples.Gateway;

/// <summary>
/// A local stand-in for the Ingress of deploy/k8s, for the Aspire AppHost: the JWT server's paths
/// (<c>/jwt</c>, Atoti's token path, <c>/.well-known</c>, <c>/versions</c>) go to the token replicas, every
/// other path to the identity replicas (round robin), and the sample remote UI is served under
/// <c>/app/</c> with an <c>env.js</c> naming this gateway as the JWT server and the configured cubes.
/// </summary>
public static class GatewayExtensions
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddReverseProxy().LoadFromMemory(Routes(), []).LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        return builder;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", static () => TypedResults.Text("ok"));
        app.MapGet("/app/env.js", EnvScript);
        app.MapGet("/app/{**path}", UiFile);
        app.MapReverseProxy();
        return app;
    }

    /// <summary>The routes of the Ingress (deploy/k8s/base/ingress.yaml); the clusters come from configuration.</summary>
    private static RouteConfig[] Routes() =>
    [
        Route("token-jwt", "token", "/jwt/{**rest}"),
        Route("token-jwt-root", "token", "/jwt"),
        Route("token-atoti", "token", "/activeviam/jwt/{**rest}"),
        Route("token-well-known", "token", "/.well-known/{**rest}"),
        Route("token-versions", "token", "/versions/{**rest}"),
        Route("token-versions-root", "token", "/versions"),
        Route("identity", "identity", "/{**rest}") with { Order = 100 },
    ];

    private static RouteConfig Route(string id, string cluster, string path) => new() { RouteId = id, ClusterId = cluster, Match = new RouteMatch { Path = path } };

    private static ContentHttpResult EnvScript(HttpContext context, IOptions<GatewayOptions> options)
    {
        var self = $"{context.Request.Scheme}://{context.Request.Host}";
        var js = new StringBuilder("// Written by the sample gateway: this gateway is the JWT server; the cubes are their sidecars.\nwindow.env = {\n");
        js.Append("  jwtServer: { url: \"").Append(JavaScriptEncoder.Default.Encode(self)).Append("\", version: \"6.1.1\" },\n  atotiServers: {\n");
        foreach (var (name, url) in options.Value.Cubes)
        {
            js.Append("    ").Append(JavaScriptEncoder.Default.Encode(name)).Append(": { url: \"").Append(JavaScriptEncoder.Default.Encode(url.TrimEnd('/'))).Append("\", version: \"6.1.1\" },\n");
        }

        js.Append("  },\n};\n");
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(js.ToString(), "text/javascript; charset=utf-8");
    }

    private static Results<PhysicalFileHttpResult, NotFound> UiFile(HttpContext context, string? path, IOptions<GatewayOptions> options)
    {
        // PhysicalFileProvider refuses paths that leave the root ("..", absolute paths).
        using var files = new PhysicalFileProvider(Path.GetFullPath(options.Value.UiRoot!));
        var file = files.GetFileInfo(string.IsNullOrEmpty(path) ? "index.html" : path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = $"default-src 'self'; connect-src 'self' {string.Join(' ', options.Value.Cubes.Values)} {string.Join(' ', options.Value.Cubes.Values.Select(static u => "ws" + u[4..]))}; frame-ancestors 'none'";
        return TypedResults.PhysicalFile(file.PhysicalPath, ContentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream");
    }
}
