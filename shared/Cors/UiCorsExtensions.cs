using AtotiAuth.Shared.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Cors;

/// <summary>
/// The CORS policy for the UI's credentialed calls (<c>fetch(…, { credentials: "include" })</c>):
/// exact origins from <see cref="UiCorsOptions"/>, credentials allowed, preflight answered.
/// </summary>
public static class UiCorsExtensions
{
    /// <summary>Name of the policy; endpoints opt in with <c>RequireCors(UiCorsExtensions.PolicyName)</c>.</summary>
    public const string PolicyName = "atotiauth-ui";

    private const string PipelineKey = "AtotiAuth.Pipeline";

    /// <summary>Registers the options (validated at start) and the policy.</summary>
    public static IHostApplicationBuilder AddAtotiAuthCors(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<UiCorsOptions, UiCorsOptionsValidator>(UiCorsOptions.SectionName);
        builder.Services.AddCors();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<CorsOptions>, UiCorsPolicySetup>());
        return builder;
    }

    /// <summary>
    /// The request pipeline every service shares, added once however many modules ask (the standalone
    /// host composes two): the framework's CORS middleware, where each endpoint's <c>RequireCors</c>
    /// decides (preflights are answered before authorization), then authentication and authorization,
    /// which each endpoint declares.
    /// </summary>
    public static IEndpointRouteBuilder UseAtotiAuthPipeline(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints is IApplicationBuilder app && app.Properties.TryAdd(PipelineKey, true))
        {
            // A host without CORS (the identity service alone) has no policy to apply.
            if (app.ApplicationServices.GetService<ICorsService>() is { } cors)
            {
                // The framework's middleware, called directly: UseCors calls its Invoke(context, provider)
                // by reflection on every request where there is no dynamic code (the AOT sidecar).
                var policies = app.ApplicationServices.GetRequiredService<ICorsPolicyProvider>();
                var loggers = app.ApplicationServices.GetRequiredService<ILoggerFactory>();
                app.Use(next =>
                {
                    var middleware = new CorsMiddleware(next, cors, loggers);
                    return context => middleware.Invoke(context, policies);
                });
            }

            app.UseAuthentication();
            app.UseAuthorization();
        }

        return endpoints;
    }
}
