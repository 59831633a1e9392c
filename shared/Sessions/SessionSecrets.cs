using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AtotiAuth.Shared.Sessions;

/// <summary>
/// Session ids and secrets. The id is a public handle (16 random bytes); the secret (32 random bytes)
/// is known only to the cookie, the store keeps its SHA-256, so a copy of the store yields no cookie.
/// </summary>
internal static class SessionSecrets
{
    public const int HashLength = SHA256.HashSizeInBytes;

    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Constant-time comparison, so response timing says nothing about the stored hash.</summary>
    public static bool Matches(ReadOnlySpan<byte> storedHash, string secret)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }
}
