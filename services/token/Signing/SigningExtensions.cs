using AtotiAuth.Shared.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Token.Signing;

/// <summary>The signing concern: key set, rotation, JWKS.</summary>
internal static class SigningExtensions
{
    public static IHostApplicationBuilder AddSigning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SigningOptions>(SigningOptions.SectionName);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>());
        builder.Services.TryAddSingleton<SigningKeySet>();
        builder.Services.AddHostedService<KeyDirectoryMonitor>();
        return builder;
    }
}
