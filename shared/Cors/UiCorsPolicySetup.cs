using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Shared.Cors;

/// <summary>Builds the named policy from the validated <see cref="UiCorsOptions"/>.</summary>
internal sealed class UiCorsPolicySetup(IOptions<UiCorsOptions> ui) : IConfigureOptions<CorsOptions>
{
    public void Configure(CorsOptions options)
    {
        var settings = ui.Value;
        options.AddPolicy(UiCorsExtensions.PolicyName, policy => policy
            .WithOrigins([.. settings.AllowedOrigins])
            .AllowCredentials()
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", "X-Requested-With")
            .SetPreflightMaxAge(settings.PreflightMaxAge));
    }
}
