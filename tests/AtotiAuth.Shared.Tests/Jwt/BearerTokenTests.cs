using AtotiAuth.Shared.Jwt;
using Microsoft.Extensions.Primitives;

namespace AtotiAuth.Shared.Tests.Jwt;

public sealed class BearerTokenTests
{
    [Theory]
    [InlineData("Bearer abc.def.ghi")]
    [InlineData("bearer abc.def.ghi")]
    [InlineData("Jwt abc.def.ghi")]
    [InlineData("JWT  abc.def.ghi ")]
    public void TryRead_BearerOrLegacyJwt_ReturnsTheToken(string header)
    {
        Assert.True(BearerToken.TryRead(header, out var token));
        Assert.Equal("abc.def.ghi", token.ToString());
    }

    [Theory]
    [InlineData("Basic YWxpY2U6cGFzcw==")]
    [InlineData("Bearer ")]
    [InlineData("Bearerabc.def.ghi")]
    [InlineData("abc.def.ghi")]
    [InlineData("")]
    public void TryRead_OtherScheme_False(string header)
    {
        Assert.False(BearerToken.TryRead(header, out _));
    }

    [Fact]
    public void TryRead_TwoHeaders_False()
    {
        Assert.False(BearerToken.TryRead(new StringValues(["Bearer a.b.c", "Bearer d.e.f"]), out _));
    }

    [Fact]
    public void HasAnyRole_OneOfTheRequired_True()
    {
        var caller = new AtotiAuthCaller("sid", "bot", ["ROLE_TECH"], DateTimeOffset.MaxValue);

        Assert.True(caller.HasAnyRole((string[])["ROLE_USER", "ROLE_TECH"]));
    }

    [Fact]
    public void HasAnyRole_NoneOrOtherCase_False()
    {
        var caller = new AtotiAuthCaller("sid", "eve", ["role_user", "ROLE_SHARE"], DateTimeOffset.MaxValue);

        Assert.False(caller.HasAnyRole((string[])["ROLE_USER", "ROLE_TECH"]));
    }
}
