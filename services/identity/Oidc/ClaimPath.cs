using System.Text.Json;

namespace AtotiAuth.Identity.Oidc;

/// <summary>
/// Reads a role claim named in <see cref="OidcProviderOptions.RolesClaims"/> from a token's or userinfo's
/// JSON. Atoti takes a name or a tuple path (<c>("realm_access","roles")</c>, ATOTI-CONTRACT.md
/// "OidcConfig"); configuration strings write the path with dots. Namespaced claims contain dots too
/// (Auth0 requires <c>https://example.com/roles</c>), so at each level the longest member name that
/// matches the rest of the path wins: the whole string as a literal name first, then shorter prefixes
/// followed by a nested member. <c>resource_access.my.app.roles</c> thus finds
/// <c>resource_access</c> → <c>my.app</c> → <c>roles</c>.
/// </summary>
internal static class ClaimPath
{
    private const int MaxDepth = 8;

    /// <summary>The claim's values as strings: a string, or the strings and numbers of an array. Empty when absent.</summary>
    public static IReadOnlyList<string> ReadValues(JsonElement claims, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!TryFind(claims, path, 0, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => [.. value.EnumerateArray().Where(IsScalar).Select(static v => v.ToString())],
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => [value.ToString()],
            _ => [],
        };
    }

    /// <summary>A single string value (for the name claim); null when absent or not a string.</summary>
    public static string? ReadString(JsonElement claims, string path)
        => TryFind(claims, path, 0, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryFind(JsonElement node, string path, int depth, out JsonElement value)
    {
        value = default;
        if (node.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return false;
        }

        if (node.TryGetProperty(path, out value))
        {
            return true;
        }

        for (var dot = path.LastIndexOf('.'); dot > 0; dot = path.LastIndexOf('.', dot - 1))
        {
            if (dot < path.Length - 1
                && node.TryGetProperty(path[..dot], out var child)
                && TryFind(child, path[(dot + 1)..], depth + 1, out value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsScalar(JsonElement value)
        => value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
}
