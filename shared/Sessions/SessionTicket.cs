using System.Diagnostics.CodeAnalysis;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// The session cookie's value: <c>{sessionId}.{secret}</c>. The store keeps only a hash of the secret
/// and compares in constant time, so a copy of the store does not yield working cookies.
/// </summary>
/// <param name="SessionId">Public session handle.</param>
/// <param name="Secret">Random secret, base64url, 256 bits.</param>
public sealed record SessionTicket(string SessionId, string Secret)
{
    /// <summary>Longest cookie value accepted; anything longer is not ours.</summary>
    public const int MaxLength = 128;

    /// <summary>The value written into the cookie.</summary>
    public override string ToString() => $"{SessionId}.{Secret}";

    /// <summary>Parses a cookie value; false for anything that is not two base64url parts.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SessionTicket? ticket)
    {
        ticket = null;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == value.Length - 1 || value.IndexOf('.', dot + 1) >= 0)
        {
            return false;
        }

        var id = value[..dot];
        var secret = value[(dot + 1)..];
        if (!IsBase64Url(id) || !IsBase64Url(secret))
        {
            return false;
        }

        ticket = new SessionTicket(id, secret);
        return true;
    }

    private static bool IsBase64Url(string s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
