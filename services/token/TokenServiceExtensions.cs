using AtotiAuth.Shared.Cors;
using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Sessions;
using AtotiAuth.Shared.Store;
using AtotiAuth.Token.Discovery;
using AtotiAuth.Token.Issuance;
using AtotiAuth.Token.Signing;

namespace AtotiAuth.Token;

/// <summary>The token service module: <c>/jwt</c>, the JWKS and discovery (DESIGN.md §1).</summary>
public static class TokenServiceExtensions
{
    /// <summary>Registers the token service.</summary>
    public static IHostApplicationBuilder AddTokenService(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAtotiAuthStore();
        builder.AddAtotiAuthRevocationCache();
        builder.AddAtotiAuthCors();
        builder.Services.AddValidatedOptions<TokenOptions, TokenOptionsValidator>(TokenOptions.SectionName);
        builder.AddSigning();
        builder.AddIssuance();
        return builder;
    }

    /// <summary>Maps the token service's endpoints.</summary>
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.UseAtotiAuthPipeline();

        endpoints.MapTokenIssuanceEndpoints();
        endpoints.MapDiscoveryEndpoints();
        endpoints.MapVersionsEndpoints();
        return endpoints;
    }
}
