using AtotiAuth.Shared.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AtotiAuth.Token.Signing;

/// <summary>The signing concern: key set, rotation, JWKS.</summary>
internal static class SigningExtensions
{
    public static IHostApplicationBuilder AddSigning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SigningOptions, SigningOptionsValidator>(SigningOptions.SectionName);
        builder.Services.TryAddSingleton<SigningKeySet>();
        builder.Services.AddHostedService<KeyDirectoryMonitor>();
        return builder;
    }
}
