using AtotiAuth.Shared.Options;
using AtotiAuth.Shared.Store;

namespace AtotiAuth.Token;

/// <summary>The token service module: <c>/jwt</c>, the JWKS and discovery (DESIGN.md §1).</summary>
public static class TokenServiceExtensions
{
    /// <summary>Registers the token service.</summary>
    public static IHostApplicationBuilder AddTokenService(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAtotiAuthStore();
        builder.Services.AddValidatedOptions<TokenOptions>(TokenOptions.SectionName);
        return builder;
    }

    /// <summary>Maps the token service's endpoints.</summary>
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints;
    }
}
