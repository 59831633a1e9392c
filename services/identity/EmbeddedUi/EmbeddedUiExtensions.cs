using AtotiAuth.Shared.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AtotiAuth.Identity.EmbeddedUi;

/// <summary>The embedded UI concern.</summary>
internal static class EmbeddedUiExtensions
{
    public static IHostApplicationBuilder AddEmbeddedUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EmbeddedUiOptions>(EmbeddedUiOptions.SectionName);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddedUiOptions>, EmbeddedUiOptionsValidator>());
        return builder;
    }
}
