using AtotiAuth.Shared.Options;
using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Identity.EmbeddedUi;

/// <summary>
/// The embedded UI (section <c>AtotiAuth:Identity:EmbeddedUi</c>): static files served under
/// <c>/ui/**</c> behind the session, Atoti's recommended deployment (ATOTI-CONTRACT.md "Atoti UI").
/// </summary>
public sealed class EmbeddedUiOptions : IBoundOptions<EmbeddedUiOptions>
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "AtotiAuth:Identity:EmbeddedUi";

    static void IBoundOptions<EmbeddedUiOptions>.Bind(IConfiguration section, EmbeddedUiOptions options) => section.Bind(options);

    /// <summary>
    /// Folder holding the UI's files (e.g. the Atoti UI build with its <c>env.js</c>). Default empty:
    /// no embedded UI, <c>/ui/**</c> answers 404.
    /// </summary>
    public string? RootPath { get; set; }
}
