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

    /// <summary>Registers the options (validated at start) and the policy.</summary>
    public static IHostApplicationBuilder AddAtotiAuthCors(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<UiCorsOptions>(UiCorsOptions.SectionName);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UiCorsOptions>, UiCorsOptionsValidator>());
        builder.Services.AddCors();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<CorsOptions>, UiCorsPolicySetup>());
        return builder;
    }

    /// <summary>
    /// Adds the CORS middleware to the host's pipeline. Runs after routing (which the web host adds
    /// first), so each endpoint's <c>RequireCors</c> decides; endpoints without it get no CORS headers.
    /// </summary>
    /// <remarks>
    /// The framework's own middleware, built once with its services: <c>UseCors()</c> resolves the
    /// (transient) policy provider from the request's services on every request, which opens a DI scope
    /// per request and compiles an expression tree at start. The policy provider holds no state.
    /// </remarks>
    public static IEndpointRouteBuilder UseAtotiAuthCors(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints is IApplicationBuilder app)
        {
            var services = app.ApplicationServices;
            var cors = services.GetRequiredService<ICorsService>();
            var policies = services.GetRequiredService<ICorsPolicyProvider>();
            var loggers = services.GetRequiredService<ILoggerFactory>();
            app.Use(next =>
            {
                var middleware = new CorsMiddleware(next, cors, loggers);
                return context => middleware.Invoke(context, policies);
            });
        }

        return endpoints;
    }
}
