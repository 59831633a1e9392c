using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace AtotiAuth.Deploy.Tests.Configuration;

/// <summary>
/// Whether an environment variable names a setting the service reads: <c>AtotiAuth__Token__Issuer</c>
/// must walk, section by section and property by property (list indexes, dictionary keys), to a
/// settable value of one of the options classes the service binds, and its value must convert to that
/// property's type. The configuration binder ignores anything else silently.
/// </summary>
internal static class OptionKeys
{
    /// <summary>Variables read by the host, not by an options class.</summary>
    private static readonly string[] HostVariables = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT"];

    private static readonly string[] HostPrefixes = ["DOTNET_", "OTEL_", "Logging__"];

    /// <summary>Null when the service reads the variable; otherwise why not.</summary>
    public static string? Problem(string name, string value, IReadOnlyList<BoundOptions> bound)
    {
        if (HostVariables.Contains(name, StringComparer.Ordinal) || HostPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
        {
            return null;
        }

        var segments = name.Split("__");
        var reasons = new List<string>();
        foreach (var options in bound.OrderByDescending(static b => b.Section.Length))
        {
            var section = options.Section.Split(':');
            if (segments.Length < section.Length || !section.Select((s, i) => string.Equals(s, segments[i], StringComparison.OrdinalIgnoreCase)).All(static m => m))
            {
                continue;
            }

            if (segments.Length == section.Length)
            {
                reasons.Add($"it names the section {options.Section} ({options.Options.Name}), not a value");
                continue;
            }

            var (reason, leaf) = Resolve(options.Options, segments, section.Length);
            if (reason is null)
            {
                return Converts(leaf!, value) ? null : $"{name}='{value}' is not a {Describe(leaf!)} ({options.Options.Name}).";
            }

            reasons.Add($"{reason} ({options.Options.Name}, section {options.Section})");
        }

        return reasons.Count > 0
            ? $"{name}: {reasons[0]}."
            : $"{name}: no options section the service binds starts so (it binds {string.Join(", ", bound.Select(static b => b.Section).Order(StringComparer.Ordinal))}).";
    }

    private static (string? Reason, Type? Leaf) Resolve(Type type, string[] segments, int i)
    {
        if (IsLeaf(type))
        {
            return i == segments.Length ? (null, type) : ($"'{segments[i]}' follows a value", null);
        }

        if (i == segments.Length)
        {
            return ($"it names a section of {Describe(type)}, not a value", null);
        }

        if (Generic(type, typeof(IDictionary<,>)) is { } dictionary)
        {
            return Resolve(dictionary[1], segments, i + 1);
        }

        if (Generic(type, typeof(IEnumerable<>)) is { } list)
        {
            return int.TryParse(segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                ? Resolve(list[0], segments, i + 1)
                : ($"'{segments[i]}' is not a list index", null);
        }

        var property = type.GetProperty(segments[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null)
        {
            return ($"{type.Name} has no setting '{segments[i]}'", null);
        }

        // The binder sets a value through its setter, and fills a get-only collection or object in place.
        return property.SetMethod?.IsPublic != true && IsLeaf(property.PropertyType)
            ? ($"{type.Name}.{property.Name} cannot be set", null)
            : Resolve(property.PropertyType, segments, i + 1);
    }

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan)
            || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(Uri) || t == typeof(Guid);
    }

    private static Type[]? Generic(Type type, Type definition)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
        {
            return type.GetGenericArguments();
        }

        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?.GetGenericArguments()
            ?? (type.IsArray && definition == typeof(IEnumerable<>) ? [type.GetElementType()!] : null);
    }

    /// <summary>As the configuration binder converts: the type's converter, invariant culture.</summary>
    private static bool Converts(Type type, string value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            var converted = TypeDescriptor.GetConverter(t).ConvertFromInvariantString(value);
            return !t.IsEnum || Enum.IsDefined(t, converted!);
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e ? $"{e.Name} ({string.Join(", ", Enum.GetNames(e))})" : type.Name;
}
