using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AtotiAuth.Shared.Jwt;

namespace AtotiAuth.Shared.Tests.Jwt;

public sealed class TokenKeyTests
{
    [Theory]
    [InlineData(20)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(64 * 1024)]
    public void Of_AnyLength_IsTheSha256OfTheUtf8Bytes(int length)
    {
        var token = new string('a', length - 1) + "é";

        var key = TokenKey.Of(token);

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        Assert.Equal(new TokenKey(
            BinaryPrimitives.ReadUInt64LittleEndian(hash),
            BinaryPrimitives.ReadUInt64LittleEndian(hash.AsSpan(8)),
            BinaryPrimitives.ReadUInt64LittleEndian(hash.AsSpan(16)),
            BinaryPrimitives.ReadUInt64LittleEndian(hash.AsSpan(24))), key);
    }

    [Fact]
    public void Of_SliceOfAHeader_EqualsTheTokenAlone()
    {
        const string header = "Bearer abc.def.ghi";

        Assert.Equal(TokenKey.Of("abc.def.ghi"), TokenKey.Of(header.AsSpan(7)));
    }

    [Fact]
    public void Of_OneCharacterApart_Differs()
    {
        Assert.NotEqual(TokenKey.Of("abc.def.ghi"), TokenKey.Of("abc.def.ghj"));
    }
}
