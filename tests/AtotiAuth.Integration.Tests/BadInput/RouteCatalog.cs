using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace AtotiAuth.Integration.Tests.BadInput;

/// <summary>Every route a service maps, read from its <see cref="EndpointDataSource"/>.</summary>
internal static class RouteCatalog
{
    private static readonly string[] AnyMethod = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    public static IReadOnlyList<FuzzRoute> Of(IServiceProvider services, params FuzzRoute[] middlewarePaths)
    {
        var routes = new List<FuzzRoute>(middlewarePaths);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = Template(endpoint.RoutePattern);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var authorized = endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
            foreach (var method in methods is { Count: > 0 } ? methods : AnyMethod)
            {
                routes.Add(new FuzzRoute(method, template, authorized));
            }
        }

        return [.. routes.Distinct().OrderBy(static r => r.Template, StringComparer.Ordinal).ThenBy(static r => r.Method, StringComparer.Ordinal)];
    }

    private static string Template(RoutePattern pattern)
    {
        var text = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            text.Append('/');
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart { IsCatchAll: true } parameter => "{**" + parameter.Name + "}",
                    RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => "",
                });
            }
        }

        return text.Length == 0 ? "/" : text.ToString();
    }

    /// <summary>The template with every placeholder replaced by <paramref name="value"/>, taken as already encoded.</summary>
    public static string Fill(string template, string value)
    {
        var path = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                path.Append(template, i, template.Length - i);
                break;
            }

            path.Append(template, i, open - i);
            var close = template.IndexOf('}', open);
            path.Append(value);
            i = close + 1;
        }

        return path.ToString();
    }
}
