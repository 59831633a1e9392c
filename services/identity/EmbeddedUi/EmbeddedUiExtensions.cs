using AtotiAuth.Shared.Options;

namespace AtotiAuth.Identity.EmbeddedUi;

/// <summary>The embedded UI concern.</summary>
internal static class EmbeddedUiExtensions
{
    public static IHostApplicationBuilder AddEmbeddedUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EmbeddedUiOptions, EmbeddedUiOptionsValidator>(EmbeddedUiOptions.SectionName);
        return builder;
    }
}
