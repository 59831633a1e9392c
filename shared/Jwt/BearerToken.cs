using Microsoft.Extensions.Primitives;

namespace AtotiAuth.Shared.Jwt;

/// <summary>Reads the token of <c>Authorization: Bearer &lt;t&gt;</c> or Atoti's legacy <c>Authorization: Jwt &lt;t&gt;</c>.</summary>
public static class BearerToken
{
    /// <summary>Longest token accepted; a token with hundreds of roles stays well under it.</summary>
    public const int MaxLength = 64 * 1024;

    private static readonly string[] Schemes = ["Bearer ", "Jwt "];

    /// <summary>True when the header names one of the token schemes, whatever follows.</summary>
    public static bool IsTokenScheme(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } value)
        {
            return authorization.Count > 1;
        }

        foreach (var scheme in Schemes)
        {
            if (value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The token as a slice of the header value: no copy on the hot path, where the verified-token
    /// cache answers from a hash of these characters.
    /// </summary>
    public static bool TryRead(StringValues authorization, out ReadOnlyMemory<char> token)
    {
        token = default;
        if (authorization.Count != 1 || authorization[0] is not { } value)
        {
            return false;
        }

        foreach (var scheme in Schemes)
        {
            if (value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var candidate = value.AsMemory(scheme.Length).Trim();
                if (candidate.IsEmpty || candidate.Length > MaxLength)
                {
                    return false;
                }

                token = candidate;
                return true;
            }
        }

        return false;
    }
}
