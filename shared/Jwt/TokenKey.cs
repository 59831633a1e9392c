using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AtotiAuth.Shared.Jwt;

/// <summary>
/// The validated-token cache's key: the SHA-256 of the token's UTF-8 bytes, held as four words.
/// Collision-resistant, so no other string can hit a cached entry, and no token is kept in memory.
/// </summary>
internal readonly record struct TokenKey(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>Tokens up to this many UTF-8 bytes are encoded on the stack; longer ones in a pooled buffer.</summary>
    private const int StackLimit = 4096;

    public static TokenKey Of(ReadOnlySpan<char> token)
    {
        var length = Encoding.UTF8.GetByteCount(token);
        byte[]? rented = null;
        var bytes = length <= StackLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(token, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..written], hash);
            return new TokenKey(
                BinaryPrimitives.ReadUInt64LittleEndian(hash),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
