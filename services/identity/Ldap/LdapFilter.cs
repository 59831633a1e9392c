using System.Text;

namespace AtotiAuth.Identity.Ldap;

/// <summary>Builds search filters from configured templates and caller input.</summary>
internal static class LdapFilter
{
    public const string Placeholder = "{0}";

    /// <summary>
    /// Escapes an assertion value (RFC 4515 §3): <c>*</c>, <c>(</c>, <c>)</c>, <c>\</c> and NUL become
    /// <c>\2a</c>, <c>\28</c>, <c>\29</c>, <c>\5c</c>, <c>\00</c>, so <c>*)(uid=*</c> is matched literally.
    /// Other control characters are escaped too, so no raw control byte reaches the directory or its logs.
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '*' or '(' or ')' or '\\' || char.IsControl(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('\\').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>An attribute description as filters and searches name it (RFC 4512 §2.5: descr or OID, options after <c>;</c>).</summary>
    public static bool IsAttributeName(string? name)
        => !string.IsNullOrWhiteSpace(name) && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ';');

    /// <summary>The template with every <c>{0}</c> replaced by the escaped value (no <c>string.Format</c>: filters may hold braces).</summary>
    public static string Format(string template, string value)
        => template.Replace(Placeholder, Escape(value), StringComparison.Ordinal);

    /// <summary>One filter matching any of the values: <c>(|f(v1)f(v2)…)</c>, or the single filter.</summary>
    public static string AnyOf(string template, IReadOnlyCollection<string> values)
    {
        if (values.Count == 1)
        {
            return Format(template, values.First());
        }

        var builder = new StringBuilder("(|");
        foreach (var value in values)
        {
            builder.Append(Format(template, value));
        }

        return builder.Append(')').ToString();
    }

    /// <summary>
    /// A template is one parenthesised filter with balanced parentheses, outside escapes; <c>{0}</c>
    /// required where <paramref name="needsPlaceholder"/>.
    /// </summary>
    public static bool IsWellFormed(string? template, bool needsPlaceholder)
    {
        if (string.IsNullOrWhiteSpace(template) || template[0] != '(' || template[^1] != ')' || template.Any(char.IsControl))
        {
            return false;
        }

        if (needsPlaceholder && !template.Contains(Placeholder, StringComparison.Ordinal))
        {
            return false;
        }

        var depth = 0;
        for (var i = 0; i < template.Length; i++)
        {
            depth += template[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0 || (depth == 0 && i != template.Length - 1))
            {
                return false;
            }
        }

        return depth == 0;
    }
}
