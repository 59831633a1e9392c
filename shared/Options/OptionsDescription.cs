using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace AtotiAuth.Shared.Options;

/// <summary>
/// An options object as configuration keys and values (<c>AtotiAuth:Ping:CookieSecure</c> =
/// <c>false</c>), read through its public properties, which the options' type parameter keeps for
/// trimming, so it reads the same under Native AOT as under the JIT. Strings are never shown: any may
/// be a secret (a Redis connection string with its password, a client secret), so each is shown as
/// <c>sha256:</c> and the first 16 hex digits of its UTF-8 digest, enough to tell which value was bound
/// (<c>printf %s "$value" | sha256sum</c>) and nothing to read it back from. Other values show as they
/// are (invariant culture, TimeSpan in its constant format, enums by name); lists as <c>key:0</c>,
/// <c>key:1</c>; dictionaries as <c>key:name</c>; an entry that is an object of its own as
/// <c>(section)</c>; an empty list or dictionary as <c>(empty)</c>; null as <c>(null)</c>. Properties
/// no configuration can set (delegates, types, services) are left out.
/// </summary>
internal static class OptionsDescription
{
    /// <summary>What the description (and the options factory) reads of an options class.</summary>
    public const DynamicallyAccessedMemberTypes Members =
        DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor;

    public static IReadOnlyList<KeyValuePair<string, string>> Describe<[DynamicallyAccessedMembers(Members)] TOptions>(string sectionName, TOptions options)
        where TOptions : class
    {
        var lines = new List<KeyValuePair<string, string>>();
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0 || !IsDescribed(property.PropertyType))
            {
                continue;
            }

            Add(lines, $"{sectionName}:{property.Name}", property.GetValue(options));
        }

        return lines;
    }

    /// <summary>A value configuration can set: a scalar, or a collection (what it holds is checked per entry).</summary>
    private static bool IsDescribed(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return IsScalar(t) || (typeof(IEnumerable).IsAssignableFrom(t) && t != typeof(string));
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Uri) || type == typeof(Guid);

    private static void Add(List<KeyValuePair<string, string>> lines, string key, object? value)
    {
        switch (value)
        {
            case null:
                lines.Add(new(key, "(null)"));
                break;
            case string text:
                lines.Add(new(key, Fingerprint(text)));
                break;
            case Uri uri:
                lines.Add(new(key, Fingerprint(uri.OriginalString)));
                break;
            case IDictionary dictionary:
                if (dictionary.Count == 0)
                {
                    lines.Add(new(key, "(empty)"));
                }

                var entries = new List<(string Key, object? Value)>();
                foreach (DictionaryEntry entry in dictionary)
                {
                    entries.Add((Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value));
                }

                foreach (var (entryKey, entryValue) in entries.OrderBy(static e => e.Key, StringComparer.Ordinal))
                {
                    AddEntry(lines, $"{key}:{entryKey}", entryValue);
                }

                break;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    AddEntry(lines, $"{key}:{index++.ToString(CultureInfo.InvariantCulture)}", item);
                }

                if (index == 0)
                {
                    lines.Add(new(key, "(empty)"));
                }

                break;
            default:
                lines.Add(new(key, Scalar(value)));
                break;
        }
    }

    private static void AddEntry(List<KeyValuePair<string, string>> lines, string key, object? value)
    {
        if (value is null or string or Uri or IEnumerable || IsScalar(value.GetType()))
        {
            Add(lines, key, value);
        }
        else
        {
            // An object of its own (an OIDC provider, a seeded user): its type is not known here, so its
            // properties are not kept for trimming; its presence is what is described.
            lines.Add(new(key, "(section)"));
        }
    }

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("O", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The first 16 hex digits of the SHA-256 of the string's UTF-8 bytes.</summary>
    internal static string Fingerprint(string text) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
