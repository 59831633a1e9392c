using Microsoft.Extensions.Configuration;

namespace AtotiAuth.Shared.Options;

/// <summary>
/// An options class that binds itself from its configuration section with code written at compile time
/// (issue 19). The configuration-binding source generator only sees calls whose type is concrete where
/// they are written; a generic <c>BindConfiguration&lt;TOptions&gt;()</c> falls back to the reflection
/// binder, which under Native AOT finds no properties and binds nothing, silently. So each options class
/// says how it binds, in one line that names its own type, and
/// <see cref="OptionsRegistrationExtensions.AddValidatedOptions{TOptions}(Microsoft.Extensions.DependencyInjection.IServiceCollection, string, string?)"/>
/// accepts no class that does not: an options class registered without it does not compile.
/// </summary>
/// <typeparam name="TSelf">The options class itself.</typeparam>
/// <example>
/// <code>
/// public sealed class XxxOptions : IBoundOptions&lt;XxxOptions&gt;
/// {
///     public const string SectionName = "AtotiAuth:Xxx";
///
///     static void IBoundOptions&lt;XxxOptions&gt;.Bind(IConfiguration section, XxxOptions options) =&gt; section.Bind(options);
/// }
///
/// services.AddValidatedOptions&lt;XxxOptions&gt;(XxxOptions.SectionName);
/// </code>
/// </example>
public interface IBoundOptions<TSelf>
    where TSelf : class, IBoundOptions<TSelf>
{
    /// <summary>
    /// Binds <paramref name="section"/> to <paramref name="options"/>: <c>section.Bind(options)</c>,
    /// written in the options class's own project (with <c>EnableConfigurationBindingGenerator</c> on,
    /// as every AtotiAuth project has it), where the generator sees the concrete type.
    /// </summary>
    static abstract void Bind(IConfiguration section, TSelf options);
}
